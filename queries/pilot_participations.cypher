// name: pilot_participations
// description: Every participation (PARTICIPATES_IN) of an organisation or carrier in a reform programme, with the unit's own county/city, the places it is LOCATED_IN or COVERS (and their ancestors), and the year and level the text states — the pilot covariate of the hazard model (analytics.hazard_inputs, docs/diffusion.md).
// param: program: string = null — only this programme id, e.g. mass-org-reform-pilot
// returns: rows [{program, unit, labels, county, city, year, level, linked[{name, county, city}], chain[]}]
MATCH (u)-[p:PARTICIPATES_IN]->(prog:Program)
WHERE $program IS NULL OR prog.id = $program
RETURN prog.id AS program, u.name AS unit, labels(u) AS labels, u.county AS county, u.city AS city,
       p.year AS year, p.level AS level,
       [(u)-[:LOCATED_IN|COVERS]->(x) | x {.name, .county, .city}] AS linked,
       [(u)-[:LOCATED_IN|COVERS]->()-[:LOCATED_IN*1..5]->(c) | c.name] AS chain
ORDER BY program, unit
