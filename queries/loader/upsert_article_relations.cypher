// name: upsert_article_relations
// description: Merge relationships from entities to articles (AUTHORED); one edge per (head, type, article).
// param: rows: list[map] = required — {head, tail (article key), type, props}
UNWIND $rows AS row
MATCH (a:Entity {key: row.head})
MATCH (b:Article {key: row.tail})
MERGE (a)-[r:$(row.type)]->(b)
SET r = row.props
