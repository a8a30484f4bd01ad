// name: schema_constraints
// description: Every constraint with the labels it is on (apply_schema drops those the ontology no longer asks for).
SHOW CONSTRAINTS YIELD name, labelsOrTypes
RETURN name, labelsOrTypes
