// The rules user administration keeps for accounts: user ids, units '<region>/<department>', and the
// strength of a password an administrator chooses (a generated one always meets it).
import t from 'tap';
import { USER_ID_PATTERN, parseUnit, passwordProblem } from '../../domain/index.js';
import { generatePassword } from '../../services/users.js';

t.test('user ids: lower case, 2 to 64 characters', async (t) => {
  const re = new RegExp(USER_ID_PATTERN);
  for (const id of ['clerk', 'zhang.wei', 'demo-town-a1.people-mediation-committee', 'med-a1-1-village-01'])
    t.ok(re.test(id), id);
  for (const id of ['x', 'Zhang', 'zhang wei', '.clerk', 'a'.repeat(65), '张伟']) t.notOk(re.test(id), id);
});

t.test('units: a region code and a known department, or the centre', async (t) => {
  t.same(parseUnit('demo-county-a/housing').parts, { regionCode: 'demo-county-a', department: 'housing' });
  t.same(parseUnit('demo-county-a/centre').parts, { regionCode: 'demo-county-a', department: 'centre' });
  for (const bad of ['housing', 'demo-county-a/', '/housing', 'a/b/c', 'demo-county-a/no-such', 'a b/housing']) {
    const r = parseUnit(bad);
    t.equal(r.parts, null, bad);
    t.match(r.problem, /单位|部门/, `${bad}: says why, in Chinese first`);
  }
});

t.test('chosen passwords: long enough, mixed or a passphrase, not the user id', async (t) => {
  for (const ok of ['Lantern-river-7', 'correct horse battery staple', 'Zx9!Zx9!Qw3#'])
    t.equal(passwordProblem(ok, 'zhang.wei'), null, ok);
  const bad: [string, RegExp][] = [
    ['Short1!', /至少 12/],
    ['x'.repeat(201), /至多 200/],
    ['onlylowercase', /三类/],
    ['aaaaaaaaaaaaaaaaaaaaaaaa', /重复/],
    ['Zhang.Wei-2026!', /用户名/],
  ];
  for (const [pw, why] of bad) {
    const problem = passwordProblem(pw, 'zhang.wei');
    t.match(problem, why, why.source);
    t.notMatch(problem ?? '', pw, 'the reason never repeats the password');
  }
});

t.test('generated passwords meet the rule and differ', async (t) => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const pw = generatePassword('abc');
    t.equal(passwordProblem(pw, 'abc'), null);
    seen.add(pw);
  }
  t.equal(seen.size, 200, 'no repeats');
  t.notMatch([...seen].join(''), /[01IOlo]/, 'no look-alike characters');
});
