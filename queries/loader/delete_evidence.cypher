// name: delete_evidence
// description: Delete evidence nodes by key.
// param: keys: list[string] = required — evidence keys
UNWIND $keys AS key
MATCH (e:Evidence {key: key})
DELETE e
