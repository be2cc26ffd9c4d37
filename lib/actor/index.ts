export { Context } from './context';
export { Terminated } from './terminated';
