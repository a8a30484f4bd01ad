// name: delete_relations_by_key
// description: Delete the relationships with these keys (bench/load.py, before writing them again row by row).
// param: keys: list[string] = required — relationship keys
MATCH ()-[r]->()
WHERE r.key IN $keys
DELETE r
