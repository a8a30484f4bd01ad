// name: practice_adopters
// description: Every organisation that adopts a practice (or, with expand, any practice under a category), with the year, its county and city, and the evidence sentences; earliest first.
// param: practice: string = required — practice or category id, e.g. craftsman-school
// param: expand: bool = false — include the narrower practices of a category
// param: year_from: int 1000..2100 = null — adoptions in or after this year
// param: year_to: int 1000..2100 = null — adoptions in or before this year
// param: evidence_limit: int 0..1000 = 1 — evidence items per fact, in document order (0: none); evidenceCount always gives how many there are
// param: limit: int 1..1000 = 100 — page size
// param: offset: int 0..100000 = 0 — page start
// returns: total, items[{key, name, labels, practice, year, county, city, evidence[], evidenceCount}]
MATCH (o:Organization)-[adopts:ADOPTS]->(pr:Practice)
WHERE pr.id = $practice OR ($expand AND EXISTS { (pr)-[:BROADER]->(category) WHERE category.id = $practice })
WITH o, adopts, pr
WHERE ($year_from IS NULL OR adopts.year >= $year_from) AND ($year_to IS NULL OR adopts.year <= $year_to)
OPTIONAL MATCH (ev:Evidence {target: adopts.key})
WITH o, adopts, pr, ev ORDER BY ev.docId, ev.rawStart
WITH o, adopts, pr, collect(ev {.quote, .docId, .articleId, .rawStart, .rawEnd, .date, .page}) AS evidence
WITH o, adopts, pr, evidence,
     head([(o)-[:LOCATED_IN|COVERS]->()-[:LOCATED_IN*0..5]->(c:AdminArea) WHERE c.adminLevel = 'county' | c.name]) AS county,
     head([(o)-[:LOCATED_IN|COVERS]->()-[:LOCATED_IN*0..5]->(c:AdminArea) WHERE c.adminLevel = 'city' | c.name]) AS city
ORDER BY coalesce(adopts.year, 9999), o.name
WITH collect({key: o.key, name: o.name, labels: labels(o), practice: pr.id, year: adopts.year,
              county: county, city: city,
              evidence: evidence[0..$evidence_limit], evidenceCount: size(evidence)}) AS rows
RETURN size(rows) AS total, rows[$offset..($offset + $limit)] AS items
