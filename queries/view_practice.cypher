// name: view_practice
// description: The practice view's graph: a practice concept (or category; with expand, its narrower practices too), every adopting organisation with the year of its first evidence (a researcher's year correction wins) and its city (graph place, else its carrier's city, else the city its name starts with), the ADOPTS links with their evidence, and the city nodes.
// param: practice: string = required — practice or category id, e.g. craftsman-school
// param: expand: bool = false — include the narrower practices (and their adopters) of the concept
// param: limit: int 1..2000 = 300 — at most this many adopters (earliest first)
// returns: concepts[{key, name, labels, props, evidence[], evidenceCount}], narrowerCount, total, adopters[{key, name, labels, props, evidence[], evidenceCount, year, city, cityKey}], edges[{key, source, target, type, year, evidence[]}], cities[{key, name, labels, props}]
MATCH (concept:Entity)
WHERE (concept:Practice OR concept:PracticeCategory) AND concept.id = $practice
WITH concept LIMIT 1
OPTIONAL MATCH (narrower:Practice)-[:BROADER]->(concept)
WITH concept, collect(narrower) AS allNarrower
WITH concept, size(allNarrower) AS narrowerCount,
     [concept] + CASE WHEN $expand THEN allNarrower ELSE [] END AS concepts
CALL (concepts) {
  UNWIND concepts AS c
  MATCH (o:Organization)-[a:ADOPTS]->(c)
  WITH o, a, c, COLLECT { MATCH (ev:Evidence {target: a.key})
                          OPTIONAL MATCH (doc:SourceDocument {id: ev.docId})
                          RETURN ev {.quote, .docId, .date, .page, source: doc.publication}
                          ORDER BY ev.date, ev.rawStart } AS evidence
  WITH o, a, c, evidence,
       CASE WHEN a.yearBasis = 'curated' THEN a.year
            ELSE coalesce(toInteger(left(evidence[0].date, 4)), a.year) END AS year
  WITH o, min(year) AS year,
       collect({key: a.key, source: o.key, target: c.key, type: 'ADOPTS', year: year, evidence: evidence[0..3]}) AS adoptions
  WITH o, year, adoptions,
       coalesce(
         head([(o)-[:LOCATED_IN|COVERS]->()-[:LOCATED_IN*0..5]->(city:AdminArea) WHERE city.adminLevel = 'city' | city.name]),
         head([(o)-[:LOCATED_IN|COVERS]->(place:Place) WHERE place.city IS NOT NULL | place.city]),
         head(COLLECT { MATCH (city:AdminArea) WHERE city.adminLevel = 'city' AND o.name STARTS WITH city.name
                        RETURN city.name ORDER BY size(city.name) DESC })
       ) AS city
  ORDER BY coalesce(year, 9999), o.name
  RETURN collect({node: o, year: year, city: city, adoptions: adoptions}) AS found
}
WITH concepts, narrowerCount, size(found) AS total, found[0..$limit] AS picked
CALL (concepts) {
  UNWIND concepts AS c
  OPTIONAL MATCH (c)-[b:BROADER]->(other)
  WHERE other IN concepts
  RETURN collect(CASE WHEN b IS NULL THEN NULL ELSE {key: b.key, source: c.key, target: other.key, type: 'BROADER', evidence: []} END) AS broader
}
CALL (picked) {
  UNWIND picked AS p
  WITH DISTINCT p.city AS cityName WHERE cityName IS NOT NULL
  MATCH (city:AdminArea {name: cityName}) WHERE city.adminLevel = 'city'
  RETURN collect(city {.key, .name, labels: labels(city), props: properties(city), evidence: [], evidenceCount: 0}) AS cities
}
CALL (picked) {
  UNWIND picked AS p
  WITH p, p.node AS n
  RETURN collect(n {.key, .name, labels: labels(n), props: properties(n), year: p.year, city: p.city,
           evidence: COLLECT { MATCH (ev:Evidence {target: n.key})
                               OPTIONAL MATCH (doc:SourceDocument {id: ev.docId})
                               RETURN ev {.quote, .docId, .date, .page, source: doc.publication}
                               ORDER BY ev.date, ev.rawStart LIMIT 3 },
           evidenceCount: COUNT { (ev:Evidence {target: n.key}) }}) AS adopters,
         reduce(all = [], p IN collect(p) | all + p.adoptions) AS adoptions
}
UNWIND concepts AS c
RETURN collect(c {.key, .name, labels: labels(c), props: properties(c),
         evidence: COLLECT { MATCH (ev:Evidence {target: c.key})
                             OPTIONAL MATCH (doc:SourceDocument {id: ev.docId})
                             RETURN ev {.quote, .docId, .date, .page, source: doc.publication}
                             ORDER BY ev.date, ev.rawStart LIMIT 3 },
         evidenceCount: COUNT { (ev:Evidence {target: c.key}) }}) AS concepts,
       narrowerCount, total, adopters, adoptions + broader AS edges, cities
