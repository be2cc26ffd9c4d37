import type { Cell } from '../actor/cell';
import type { GroupSlot } from '../actor/group-slot';

/** Live cells and groups by path, for `system.lookup`, and who joined which distributor. */
export class Registry {
  private readonly cells = new Map<string, Cell>();
  private readonly groups = new Map<string, GroupSlot>();
  private readonly distributors = new Map<string, Set<Cell>>();

  add(cell: Cell): void {
    this.cells.set(cell.path, cell);
    const name = cell.settings.distributor;
    if (name !== undefined) {
      let members = this.distributors.get(name);
      if (members === undefined) this.distributors.set(name, (members = new Set()));
      members.add(cell);
    }
  }

  remove(cell: Cell): void {
    if (this.cells.get(cell.path) === cell) this.cells.delete(cell.path);
    const name = cell.settings.distributor;
    if (name !== undefined) this.distributors.get(name)?.delete(cell);
  }

  addGroup(group: GroupSlot): void {
    this.groups.set(group.path, group);
  }

  removeGroup(group: GroupSlot): void {
    if (this.groups.get(group.path) === group) this.groups.delete(group.path);
  }

  cell(path: string): Cell | undefined {
    return this.cells.get(path);
  }

  group(path: string): GroupSlot | undefined {
    return this.groups.get(path);
  }

  /** The running recipients of a distributor, in the order they joined. */
  recipients(name: string): Cell[] {
    const members = this.distributors.get(name);
    if (members === undefined) return [];
    const running: Cell[] = [];
    for (const cell of members) if (cell.status === 'running' && !cell.closing) running.push(cell);
    return running;
  }
}
