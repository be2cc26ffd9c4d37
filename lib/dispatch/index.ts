export { Group } from './group';
export { LocalGroupRef } from './group-ref';
export { NamedDistributor } from './distributor';
