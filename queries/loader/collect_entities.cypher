// name: collect_entities
// description: Delete entity nodes whose last evidence is gone and that no edge needs any more (concept nodes are never collected).
// param: keys: list[string] = required — candidate entity keys
// param: mention: string = required — the MENTIONED_IN relationship type (mentions alone keep no node alive)
// param: protected: list[string] = required — labels never collected (the ontology's concept classes)
UNWIND $keys AS key
MATCH (n:Entity {key: key})
WHERE none(label IN labels(n) WHERE label IN $protected)
  AND NOT EXISTS { MATCH (e:Evidence {target: key}) }
  AND NOT EXISTS { MATCH (n)-[r]-() WHERE type(r) <> $mention }
DETACH DELETE n
