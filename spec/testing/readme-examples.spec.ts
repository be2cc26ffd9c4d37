import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Supervisor } from '../../lib';
import { startTestSystem } from '../../lib/testing';
import { greeterRepliesOnce, aReminderArrivesInVirtualTime } from './fixtures/readme-akka-port';
import { oneForAllRestartsBothChildrenInOrder, theSupervisorGivesUpAfterThreeRestarts } from './fixtures/readme-otp-port';
import { aProbeAnswersAnAsk } from './fixtures/readme-probe-reply';
import { checkoutSendsTheReceiptAMinuteLater } from './fixtures/readme-testing';

const root = path.join(__dirname, '..', '..');

/** The code blocks of the README's section "Testing your actors", in order, with their language. */
function sectionBlocks(): { lang: string; code: string }[] {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Testing your actors\n');
  expect(start, 'the README has a section "Testing your actors"').to.be.greaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end);
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)\n```/g)].map((m) => ({ lang: m[1], code: m[2] }));
}

/** A fixture as the README shows it: imported from the package, not from lib/. */
function asInReadme(fixture: string): string {
  return readFileSync(path.join(__dirname, 'fixtures', fixture), 'utf8')
    .replaceAll("'../../../lib/testing'", "'rampart/testing'")
    .replaceAll("'../../../lib'", "'rampart'")
    .trimEnd();
}

const FIXTURES = ['readme-testing.ts', 'readme-probe-reply.ts', 'readme-akka-port.ts', 'readme-otp-port.ts'];

describe('README: Testing your actors', () => {
  it('shows the code of the fixtures run below, verbatim', () => {
    const code = sectionBlocks().filter((b) => b.lang === 'ts').map((b) => b.code);
    expect(code).to.deep.equal(FIXTURES.map(asInReadme));
  });

  it('quotes a failure message as the probe writes it', async () => {
    @Supervisor()
    class Shop {}
    class Receipt {}
    const kit = await startTestSystem(Shop, { logger: null });
    const quoted = sectionBlocks().find((b) => b.lang === 'text')!.code;
    try {
      let message = '';
      await kit.probe('receipts').expectMsg(Receipt, { within: 0 }).catch((e: Error) => (message = e.message));
      expect(message).to.equal(quoted);
    } finally {
      await kit.shutdown();
    }
  });

  it('the first example: overrides, idle, a probe and advance', () => checkoutSendsTheReceiptAMinuteLater());
  it('a probe answers an ask', () => aProbeAnswersAnAsk());
  it('the Akka port: a reply, then no message', () => greeterRepliesOnce());
  it('the Akka port: a reminder arrives in virtual time', () => aReminderArrivesInVirtualTime());
  it('the OTP port: one-for-all restarts both children, in order', () => oneForAllRestartsBothChildrenInOrder());
  it('the OTP port: the supervisor gives up after three restarts', () => theSupervisorGivesUpAfterThreeRestarts());
});
