import { expect } from 'chai';
import { On, Otherwise } from '../../lib';
import { startWith } from './support';

describe('@On dispatch over a message class hierarchy', () => {
  class Animal {}
  class Dog extends Animal {}
  class Puppy extends Dog {}
  class Cat extends Animal {}

  it('matches a subclass instance through the prototype chain', async () => {
    class Vet {
      @On(Animal) animal() {
        return 'animal';
      }
    }
    const { system, ref } = await startWith(Vet);
    expect(await ref.ask(new Puppy())).to.equal('animal');
    expect(await ref.ask(new Cat())).to.equal('animal');
    await system.shutdown();
  });

  it('picks the most derived matching class when the base handler is declared first', async () => {
    class Vet {
      @On(Animal) animal() {
        return 'animal';
      }
      @On(Dog) dog() {
        return 'dog';
      }
    }
    const { system, ref } = await startWith(Vet);
    expect(await ref.ask(new Animal())).to.equal('animal');
    expect(await ref.ask(new Dog())).to.equal('dog');
    expect(await ref.ask(new Puppy())).to.equal('dog');
    expect(await ref.ask(new Cat())).to.equal('animal');
    await system.shutdown();
  });

  it('picks the most derived matching class when the base handler is declared last', async () => {
    class Vet {
      @On(Puppy) puppy() {
        return 'puppy';
      }
      @On(Dog) dog() {
        return 'dog';
      }
      @On(Animal) animal() {
        return 'animal';
      }
    }
    const { system, ref } = await startWith(Vet);
    expect(await ref.ask(new Puppy())).to.equal('puppy');
    expect(await ref.ask(new Dog())).to.equal('dog');
    expect(await ref.ask(new Cat())).to.equal('animal');
    await system.shutdown();
  });

  it('prefers any matching @On over @Otherwise', async () => {
    class Vet {
      @On(Animal) animal() {
        return 'animal';
      }
      @Otherwise() other() {
        return 'otherwise';
      }
    }
    const { system, ref } = await startWith(Vet);
    expect(await ref.ask(new Puppy())).to.equal('animal');
    expect(await ref.ask('not an animal')).to.equal('otherwise');
    await system.shutdown();
  });

  it('keeps the dispatch right when the same hierarchy is asked repeatedly (cached lookups)', async () => {
    class Vet {
      @On(Animal) animal() {
        return 'animal';
      }
      @On(Dog) dog() {
        return 'dog';
      }
    }
    const { system, ref } = await startWith(Vet);
    const replies: unknown[] = [];
    for (const message of [new Puppy(), new Cat(), new Puppy(), new Animal(), new Cat()]) {
      replies.push(await ref.ask(message));
    }
    expect(replies).to.deep.equal(['dog', 'animal', 'dog', 'animal', 'animal']);
    await system.shutdown();
  });
});
