// name: organizations
// description: Organisations filtered by class, name, union form and level, carrier type, place, practice (optionally with its narrower concepts), programme and adoption-year range; one page of results plus the total, each with the matching practices and their evidence.
// param: label: string = "Organization" — node label: Organization, UnionOrganization, PartyOrganization, Enterprise …
// param: name: string = null — substring of the canonical name or of an alias
// param: form: string = null — union form: 总工会, 工会联合会, 联合工会, 工会联盟, 产业工会, 企业工会, 工会小组, 其他
// param: level: string = null — province, city, county, township, carrier, enterprise
// param: carrier_type: string = null — only organisations covering or located in a carrier of this type: town, park, business-district, market
// param: place: string = null — canonical name of a place (city, county …) the organisation or its carrier lies in
// param: practice: string = null — practice or practice-category id, e.g. craftsman-school
// param: expand: bool = false — with practice: include the narrower practices of a category
// param: program: string = null — programme id, e.g. mass-org-reform-pilot
// param: year_from: int 1000..2100 = null — with practice: adoptions in or after this year
// param: year_to: int 1000..2100 = null — with practice: adoptions in or before this year
// param: evidence_limit: int 0..1000 = 1 — evidence items per fact, in document order (0: none); evidenceCount always gives how many there are
// param: limit: int 1..1000 = 50 — page size
// param: offset: int 0..100000 = 0 — page start
// returns: total, items[{key, name, labels, form, level, aliases, practices[{id, name, year, evidence[], evidenceCount}]}]
MATCH (o:Organization)
WHERE $label IN labels(o)
  AND ($name IS NULL OR o.name CONTAINS $name OR any(alias IN coalesce(o.aliases, []) WHERE alias CONTAINS $name))
  AND ($form IS NULL OR o.form = $form)
  AND ($level IS NULL OR o.level = $level)
  AND ($carrier_type IS NULL OR EXISTS { (o)-[:COVERS|LOCATED_IN]->(carrier:Carrier) WHERE carrier.carrierType = $carrier_type })
  AND ($place IS NULL OR EXISTS { (o)-[:COVERS|LOCATED_IN]->()-[:LOCATED_IN*0..5]->(p:Place) WHERE p.name = $place })
  AND ($program IS NULL OR EXISTS { (o)-[:PARTICIPATES_IN]->(prog:Program) WHERE prog.id = $program })
OPTIONAL MATCH (o)-[adopts:ADOPTS]->(pr:Practice)
WHERE $practice IS NULL
   OR pr.id = $practice
   OR ($expand AND EXISTS { (pr)-[:BROADER]->(category) WHERE category.id = $practice })
WITH o, adopts, pr
WHERE ($practice IS NULL OR pr IS NOT NULL)
  AND ($year_from IS NULL OR adopts.year >= $year_from)
  AND ($year_to IS NULL OR adopts.year <= $year_to)
OPTIONAL MATCH (ev:Evidence {target: adopts.key})
WITH o, pr, adopts, ev ORDER BY ev.docId, ev.rawStart
WITH o, pr, adopts, collect(ev {.quote, .docId, .articleId, .rawStart, .rawEnd, .date, .page}) AS evidence
WITH o, collect(CASE WHEN pr IS NULL THEN NULL ELSE {id: pr.id, name: pr.name, year: adopts.year,
       evidence: evidence[0..$evidence_limit], evidenceCount: size(evidence)} END) AS practices
WHERE $practice IS NULL OR size(practices) > 0
WITH o, practices ORDER BY o.name
WITH collect({key: o.key, name: o.name, labels: labels(o), form: o.form, level: o.level,
              aliases: coalesce(o.aliases, []), practices: practices}) AS rows
RETURN size(rows) AS total, rows[$offset..($offset + $limit)] AS items
