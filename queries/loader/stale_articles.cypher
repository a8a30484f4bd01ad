// name: stale_articles
// description: Remove a document's articles and mentions left over from an earlier version of it.
// param: docId: string = required — document id
// param: hash: string = required — current content hash
MATCH (a:Article {docId: $docId})
OPTIONAL MATCH (a)<-[m]-(:Entity)
WITH a, m
WHERE a.loadHash <> $hash OR (m IS NOT NULL AND m.loadHash <> $hash)
FOREACH (_ IN CASE WHEN m IS NOT NULL THEN [1] ELSE [] END | DELETE m)
WITH DISTINCT a
WHERE a.loadHash <> $hash
DETACH DELETE a
