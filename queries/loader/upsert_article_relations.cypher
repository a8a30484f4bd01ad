// name: upsert_article_relations
// description: Merge relationships from entities to articles (AUTHORED); one edge per (head, type, article).
// param: rows: list[map] = required — {head, tail (article key), props}; one type per call ({{type}} slot)
UNWIND $rows AS row
MATCH (a:Entity {key: row.head})
MATCH (b:Article {key: row.tail})
MERGE (a)-[r:{{type}}]->(b)
ON CREATE SET r = row.props
ON MATCH SET r = row.props
