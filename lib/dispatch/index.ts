export { Group } from './group';
export { NamedDistributor } from './distributor';
export type { GroupHost, GroupMember, GroupSlot } from './ports';
