// name: adoption_events
// description: Every adoption (ADOPTS edge) with its organisation, the organisation's own county/city, the places it is LOCATED_IN or COVERS (and their ancestors), the edge's year and the evidence — the raw rows of the diffusion analytics (evidence carries the date extraction gave it; analytics.adoptions.events_from_rows places them; see docs/diffusion.md).
// param: practice: string = null — only this practice id, e.g. craftsman-school
// returns: rows [{practice, key, organization, labels, county, city, year, linked[{name, county, city}], chain[], evidence[]}]
MATCH (o:Organization)-[a:ADOPTS]->(pr:Practice)
WHERE $practice IS NULL OR pr.id = $practice
OPTIONAL MATCH (ev:Evidence {target: a.key})
WITH o, a, pr, collect(ev {.quote, .docId, .articleId, .rawStart, .rawEnd, .date, .datedValue, .dateBasis, .datePhrase})
     AS evidence
RETURN pr.id AS practice, o.key AS key, o.name AS organization, labels(o) AS labels,
       o.county AS county, o.city AS city, a.year AS year,
       [(o)-[:LOCATED_IN|COVERS]->(p) | p {.name, .county, .city}] AS linked,
       [(o)-[:LOCATED_IN|COVERS]->()-[:LOCATED_IN*1..5]->(c) | c.name] AS chain,
       evidence
ORDER BY practice, organization
