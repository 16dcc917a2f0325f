// Writes the names in the lexicon of the npm package compromise (MIT, © Spencer Kelly) as gazetteer lists for
// `lagebild train ner --gazetteer CLASS=FILE`: given.txt, family.txt, per.txt, org.txt, loc.txt, adj.txt in OUT_DIR.
//   cd /tmp && npm pack compromise@14.17.0 && mkdir -p compromise-14.17.0 && tar xzf compromise-14.17.0.tgz -C compromise-14.17.0
//   mkdir -p /tmp/compromise-lists && node tools/ner/compromise-names.mjs /tmp/compromise-14.17.0/package /tmp/compromise-lists
// Only the model's hashes of these names are shipped (data/models/en/ner.bin), never the lists.
import fs from 'node:fs';
import path from 'node:path';
const [pkg, out] = process.argv.slice(2);
const nlp = (await import(path.resolve(pkg, 'builds/three/compromise-three.mjs'))).default;
const lexicon = nlp.model().one.lexicon;
const lists = { given: [], family: [], per: [], org: [], loc: [], adj: [] };
const classOf = tags => {
  const t = new Set(Array.isArray(tags) ? tags : [tags]);
  if (t.has('FemaleName') || t.has('MaleName') || t.has('FirstName')) return 'given';
  if (t.has('LastName')) return 'family';
  if (t.has('Person')) return 'per';
  if (t.has('Organization') || t.has('SportsTeam')) return 'org';
  if (t.has('City') || t.has('Country') || t.has('Region') || t.has('Place')) return 'loc';
  if (t.has('Demonym')) return 'adj';
  return null;
};
for (const [word, tags] of Object.entries(lexicon)) {
  const c = classOf(tags);
  if (c) lists[c].push(word);
}
for (const [name, words] of Object.entries(lists)) {
  fs.writeFileSync(path.join(out, `${name}.txt`), words.sort().join('\n') + '\n');
  console.log(`${name}: ${words.length}`);
}
