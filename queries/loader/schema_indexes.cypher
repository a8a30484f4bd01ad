// name: schema_indexes
// description: Every index but the token lookups and those backing a constraint, with the labels it is on (apply_schema drops those the ontology no longer asks for).
SHOW INDEXES YIELD name, type, labelsOrTypes, owningConstraint
WHERE type <> 'LOOKUP' AND owningConstraint IS NULL
RETURN name, labelsOrTypes
