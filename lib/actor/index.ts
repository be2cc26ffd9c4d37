export { Context } from './context';
export { Terminated } from '../core/terminated';
