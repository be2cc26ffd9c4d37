/**
 * Conference: Bastion's distributor example in rampart. Groups of actors join named
 * distributors, and the program talks to a distributor instead of to actor paths.
 *
 *   /conference                         root supervisor
 *   ├── /conference/staff               3 staff members     → distributor 'staff'
 *   ├── /conference/earlyBirds          4 attendees         → distributor 'attendees'
 *   └── /conference/registration        a supervisor of its own
 *       └── /conference/registration/walkIns   3 attendees  → distributor 'attendees'
 *
 * Two groups under two different supervisors feed the one 'attendees' distributor.
 *
 *   1. Attendees ask the staff questions with `tellOne`: each goes to one staff member,
 *      in rotation across the whole staff.
 *   2. The staff sends a leaflet to every attendee with `tellEveryone`.
 *   3. The staff asks every attendee whether they will come, with `askEveryone`.
 *   4. One staff member answers a question with `ask` (one recipient, round-robin), and the
 *      whole staff confirms the final headcount with `askEveryone`.
 *   5. Nobody joined a 'speakers' distributor, so telling it throws `NoRecipientError`.
 *
 *   npm run sample:conference
 */
import { ActorRef, ActorSystem, Child, Context, NoRecipientError, On, Supervisor } from '../lib';
import type { GroupRef } from '../lib';

/** `/conference/earlyBirds/2` → `earlyBirds/2`: a readable name for a member. */
const who = (path: string): string => path.split('/').slice(-2).join('/');
const say = (line: string): void => console.log(line);
/** Lets the tells of one act be handled (and printed) before the next act starts. */
const pause = (ms = 20): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class Question {
  constructor(
    readonly from: string,
    readonly text: string,
  ) {}
}

class Leaflet {
  constructor(readonly text: string) {}
}

class WillYouAttend {}

class Rsvp {
  constructor(
    readonly attendee: string,
    readonly attends: boolean,
  ) {}
}

class Headcount {
  constructor(readonly attendees: number) {}
}

class StaffMember {
  private questions = 0;

  @On(Question)
  answer(question: Question, ctx: Context): string {
    this.questions++;
    const reply = question.text.startsWith('When') ? 'on the 12th of May, 9 am' : 'in hall B, next to the coffee';
    say(`  ${who(ctx.path)} answers ${question.from}: "${question.text}" → ${reply}  (question #${this.questions} for this member)`);
    return reply;
  }

  @On(Headcount)
  confirm(headcount: Headcount, ctx: Context): string {
    return `${who(ctx.path)}: ${headcount.attendees} badges printed`;
  }
}

class Attendee {
  private leaflets = 0;

  @On(Leaflet)
  read(leaflet: Leaflet, ctx: Context): void {
    this.leaflets++;
    say(`  ${who(ctx.path).padEnd(12)} got the leaflet "${leaflet.text}"`);
  }

  /** Everyone who read the leaflet comes, except the walk-ins with an odd index. */
  @On(WillYouAttend)
  rsvp(_question: WillYouAttend, ctx: Context): Rsvp {
    const index = Number(ctx.path.split('/').pop());
    const attends = this.leaflets > 0 && !(ctx.path.includes('walkIns') && index % 2 === 1);
    return new Rsvp(who(ctx.path), attends);
  }
}

@Supervisor()
class Registration {
  @Child(Attendee, { redundancy: 3, distributor: 'attendees' }) walkIns!: GroupRef;
}

@Supervisor()
class Conference {
  @Child(StaffMember, { redundancy: 3, distributor: 'staff' }) staff!: GroupRef;
  @Child(Attendee, { redundancy: 4, distributor: 'attendees' }) earlyBirds!: GroupRef;
  @Child(Registration) registration!: ActorRef;
}

async function main(): Promise<void> {
  const system = await ActorSystem.start(Conference, { name: 'conference' });
  const staff = system.distributor('staff');
  const attendees = system.distributor('attendees');

  say('1. attendees ask the staff, staff.tellOne(question): one staff member each, in rotation');
  say('   (each member works through its own mailbox, so the lines come grouped by member)');
  const questions = [
    new Question('earlyBirds/0', 'When does it start?'),
    new Question('walkIns/1', 'Where is the registration desk?'),
    new Question('earlyBirds/3', 'When does it start?'),
    new Question('walkIns/2', 'Where is the registration desk?'),
    new Question('earlyBirds/1', 'Where is the registration desk?'),
    new Question('walkIns/0', 'When does it start?'),
  ];
  for (const question of questions) staff.tellOne(question);
  await pause();

  say('\n2. the staff hands out leaflets, attendees.tellEveryone(leaflet): every attendee of both groups');
  attendees.tellEveryone(new Leaflet('RampartConf: doors open at 9 am'));
  await pause();

  say('\n3. the staff asks, attendees.askEveryone(will you attend?)');
  const rsvps = await attendees.askEveryone<Rsvp>(new WillYouAttend(), { timeoutMs: 1000 });
  for (const rsvp of rsvps) say(`  ${rsvp.attendee.padEnd(12)} ${rsvp.attends ? 'yes, I will be there' : 'no, sorry'}`);
  const coming = rsvps.filter((rsvp) => rsvp.attends).length;
  say(`  → ${rsvps.length} answers, ${coming} attendees coming`);

  say('\n4. one last question, staff.ask(question), then staff.askEveryone(headcount)');
  const answer = await staff.ask<string>(new Question('main', 'When does the keynote start?'), { timeoutMs: 1000 });
  say(`  main got the answer "${answer}"`);
  const confirmations = await staff.askEveryone<string>(new Headcount(coming), { timeoutMs: 1000 });
  for (const line of confirmations) say(`  ${line}`);

  say('\n5. nobody joined the \'speakers\' distributor');
  try {
    system.distributor('speakers').tellOne(new Question('main', 'Who gives the keynote?'));
    say('  ?! tellOne to an empty distributor did not throw');
    process.exitCode = 1;
  } catch (error) {
    if (!(error instanceof NoRecipientError)) throw error;
    say(`  tellOne threw ${error.name} (${error.code}): ${error.message}`);
  }

  const ok = rsvps.length === 7 && confirmations.length === 3 && coming === 6;
  await system.shutdown();
  say(`\nconference over (${ok ? 'all counts as expected' : 'UNEXPECTED counts'}), system shut down, bye.`);
  if (!ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
