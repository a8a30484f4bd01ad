// name: export_graph
// description: The graph as researchers take it to Gephi, R or pandas (GET /export/{format}, `ukg export --format graphml|csv`): entity and concept nodes and the relationships among them, without the bookkeeping (Evidence, Article, SourceDocument, MENTIONED_IN, AUTHORED, PART_OF), each with its evidence count; optionally only the organisations adopting a practice and/or the entities in a region (seeds), with all their relationships and the nodes at the other ends, and only some relationship types. One row, so nodes and edges come from one transaction and every edge end is a node.
// param: practice: string = null — practice id, e.g. craftsman-school (a category id, e.g. skills, takes its narrower practices): seeds are the organisations adopting it
// param: region: string = null — key or canonical name of a place, e.g. 湖州市: seeds are the entities located in or covering it or anything inside it, and the places inside it
// param: types: list[string] = null — only relationships of these types (e.g. ADOPTS,LOCATED_IN), and then only the nodes at their ends
// returns: regionKnown, nodes[{key, name, labels, form, level, carrierType, adminLevel, city, county, category, evidenceCount}], edges[{key, source, target, type, year, rule, confidence, level, mode, title, evidenceCount}]
CALL () {
  OPTIONAL MATCH (place:Place)
  WHERE place.key = $region OR place.name = $region
  RETURN collect(place) AS places
}
CALL (places) {
  MATCH (n:Entity)
  WHERE ($practice IS NULL OR EXISTS {
          MATCH (n:Organization)-[:ADOPTS]->(practice:Practice)
          WHERE practice.id = $practice
             OR EXISTS { (practice)-[:BROADER]->(category:PracticeCategory) WHERE category.id = $practice } })
    AND ($region IS NULL OR EXISTS {
          MATCH (n)-[:COVERS|LOCATED_IN*0..1]->()-[:LOCATED_IN*0..5]->(inside:Place)
          WHERE inside IN places })
  RETURN collect(n) AS seeds
}
CALL (seeds) {
  UNWIND seeds AS seed
  MATCH (seed)-[r]-(:Entity)
  WHERE $types IS NULL OR type(r) IN $types
  RETURN collect(DISTINCT r) AS rels
}
CALL (seeds, rels) {
  UNWIND (CASE WHEN $types IS NULL THEN seeds ELSE [] END)
         + [r IN rels | startNode(r)] + [r IN rels | endNode(r)] AS n
  WITH DISTINCT n ORDER BY n.key
  RETURN collect(n {.key, .name, .form, .level, .carrierType, .adminLevel, .city, .county, .category,
                    labels: labels(n), evidenceCount: COUNT { (ev:Evidence {target: n.key}) }}) AS nodes
}
CALL (rels) {
  UNWIND rels AS r
  WITH r ORDER BY r.key
  RETURN collect({key: r.key, source: startNode(r).key, target: endNode(r).key, type: type(r),
                  year: r.year, rule: r.rule, confidence: r.confidence, level: r.level, mode: r.mode,
                  title: r.title, evidenceCount: COUNT { (ev:Evidence {target: r.key}) }}) AS edges
}
RETURN $region IS NULL OR size(places) > 0 AS regionKnown, nodes, edges
