export { VirtualScheduler, settle } from './virtual-scheduler';
