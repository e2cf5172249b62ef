// Work lands in region-qualified queues, never a bare group no user holds: triage names the county and
// whom the risk grade presses there (the models' supervision item and county leader's task read them),
// urgent protection names who confirms it, and the letters copy the county's supervising unit.
import t from 'tap';
import { triageMatter } from '../../../workers/triage-matter.js';
import { activateUrgentProtection } from '../../../workers/activate-urgent-protection.js';
import { sendSupervisionLetter } from '../../../workers/send-supervision-letter.js';
import { fakes, job } from './fakes.js';

type Vars = { variables: Record<string, any> };

t.test('triage: the county and its supervising unit (none for green)', async (t) => {
  const f = fakes();
  const triage = f.handler(triageMatter);
  const red = (await triage(
    job('triage-matter', { matterType: 'dispute', category: 'neighbour', facts: { parties: 2, violence: true } }),
  )) as Vars;
  t.match(red.variables, { countyCode: 'demo-county-a', supervisionUnit: 'demo-county-a/county-party-committee' });
  const orange = (await triage(
    job(
      'triage-matter',
      { matterType: 'dispute', category: 'neighbour', regionCode: 'demo-village-b1-1', facts: { parties: 6 } },
      {},
      '101',
    ),
  )) as Vars;
  t.match(orange.variables, { countyCode: 'demo-county-b', supervisionUnit: 'demo-county-b/county-peace-office' });
  const green = (await triage(
    job('triage-matter', { matterType: 'dispute', category: 'neighbour', facts: { parties: 2 } }, {}, '102'),
  )) as Vars;
  t.match(green.variables, { countyCode: 'demo-county-a', supervisionUnit: null });
});

t.test("urgent protection: the county's women's federation confirms, or the police without one", async (t) => {
  const f = fakes();
  const protect = f.handler(activateUrgentProtection);
  const dv = (await protect(
    job('activate-urgent-protection', { facts: { parties: 1, domesticViolence: true } }),
  )) as Vars;
  t.same(dv.variables, { protectionUnit: 'demo-county-a/womens-federation' });
  const island = (await protect(
    job(
      'activate-urgent-protection',
      { regionCode: 'demo-island-village-2-1', facts: { parties: 1, domesticViolence: true } },
      {},
      '101',
    ),
  )) as Vars;
  t.same(island.variables, { protectionUnit: 'demo-island-county/womens-federation' });
  const violence = (await protect(
    job('activate-urgent-protection', { facts: { parties: 2, violence: true } }, {}, '102'),
  )) as Vars;
  t.same(violence.variables, { protectionUnit: 'demo-county-a/police' });
  t.same(await protect(job('activate-urgent-protection', { facts: { parties: 1, domesticViolence: true } })), dv);
});

t.test("a risk warning letter copies the county's supervising unit", async (t) => {
  const f = fakes();
  const letter = f.handler(sendSupervisionLetter);
  const supervisor = { unit: 'county-peace-office' };
  await letter(
    job(
      'send-supervision-letter',
      { risk: 'orange', supervisor, supervisionUnit: 'demo-county-a/county-peace-office', handlingUnit: 'x/y' },
      { letter: 'risk-warning-letter' },
    ),
  );
  t.same(
    f.calls[0].notify.map((n) => [n.recipient, n.template]),
    [
      ['x/y', 'risk-warning-letter'],
      ['demo-county-a/county-peace-office', 'risk-warning-letter-copy'],
    ],
  );
  // A process started before triage named the unit: the risk table's unit at the matter's county.
  await letter(job('send-supervision-letter', { risk: 'orange', supervisor }, { letter: 'assignment-sheet' }, '101'));
  t.equal(f.calls[1].notify[1].recipient, 'demo-county-a/county-peace-office');
  // Without a handling unit the letter goes to the centre of the matter's region, never a bare code.
  t.match(f.calls[1].notify[0].recipient, /^demo-[a-z0-9-]+\/centre$/);
});
