// name: people
// description: People and their posts (HOLDS_POSITION with title), optionally by name or organisation, with evidence.
// param: name: string = null — substring of the person's name
// param: organization: string = null — substring of the organisation's name
// param: evidence_limit: int 0..1000 = 1 — evidence items per fact, in document order (0: none); evidenceCount always gives how many there are
// param: limit: int 1..1000 = 100 — page size
// param: offset: int 0..100000 = 0 — page start
// returns: total, items[{key, name, posts[{organization, title, evidence[], evidenceCount}]}]
MATCH (person:Person)
WHERE $name IS NULL OR person.name CONTAINS $name
OPTIONAL MATCH (person)-[h:HOLDS_POSITION]->(o:Organization)
WHERE $organization IS NULL OR o.name CONTAINS $organization
WITH person, h, o
WHERE $organization IS NULL OR o IS NOT NULL
OPTIONAL MATCH (ev:Evidence {target: h.key})
WITH person, h, o, ev ORDER BY ev.docId, ev.rawStart
WITH person, h, o, collect(ev {.quote, .docId, .articleId, .date}) AS evidence
WITH person, collect(CASE WHEN o IS NULL THEN NULL ELSE
       {organization: o {.key, .name}, title: h.title,
       evidence: evidence[0..$evidence_limit], evidenceCount: size(evidence)} END) AS posts
ORDER BY person.name
WITH collect({key: person.key, name: person.name, posts: posts}) AS rows
RETURN size(rows) AS total, rows[$offset..($offset + $limit)] AS items
