// name: collect_entities
// description: Delete entity nodes whose last evidence is gone, with their remaining article mentions.
// param: keys: list[string] = required — entity keys
// param: mention: string = required — the MENTIONED_IN relationship type
UNWIND $keys AS key
MATCH (n:Entity {key: key})
WHERE NOT EXISTS { MATCH (e:Evidence {target: key}) }
  AND NOT EXISTS { MATCH (n)-[r]-() WHERE type(r) <> $mention }
DETACH DELETE n
