/**
 * Hello, world: Bastion's first example, in rampart.
 *
 * A supervisor starts one child actor. We ask the child a question, it answers
 * "Hello, world!", and the program shuts the system down and exits by itself.
 *
 *   npm run sample:hello-world
 */
import { ActorSystem, Child, On, Supervisor, type ActorRef } from '../lib';

/** A plain actor: no base class, just a handler. */
class Greeter {
  /** `@On(String)`: this method handles every string (matched by `typeof`). */
  @On(String)
  greet(question: string): string {
    console.log(`greeter: received ${JSON.stringify(question)}`);
    return 'Hello, world!';
  }
}

/** The root of the tree: it supervises the greeter (and restarts it if it ever fails). */
@Supervisor()
class HelloWorld {
  /** Set by the runtime to the child's ref before the supervisor starts. */
  @Child(Greeter) greeter!: ActorRef<string>;
}

async function main(): Promise<void> {
  const system = await ActorSystem.start(HelloWorld, { name: 'hello' });
  const greeter = system.lookup<string>('/hello/greeter') as ActorRef<string>;

  const answer = await greeter.ask<string>('Who is there?');
  console.log(`main:    ${greeter.path} answered ${JSON.stringify(answer)}`);

  await system.shutdown();
  console.log('main:    system shut down, bye.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
