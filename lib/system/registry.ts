import type { Cell } from '../actor/cell';

/** Live cells by path, for `system.lookup`. */
export class Registry {
  private readonly cells = new Map<string, Cell>();

  add(cell: Cell): void {
    this.cells.set(cell.path, cell);
  }

  remove(cell: Cell): void {
    if (this.cells.get(cell.path) === cell) this.cells.delete(cell.path);
  }

  get(path: string): Cell | undefined {
    return this.cells.get(path);
  }
}
