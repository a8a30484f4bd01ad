// name: practices
// description: The practice concepts (SKOS) with their category and how many organisations adopt each.
// param: category: string = null — only practices of this category id, e.g. venues
// returns: rows of {id, name, en, category, adopters}
MATCH (pr:Practice)
WHERE $category IS NULL OR pr.category = $category
RETURN pr.id AS id, pr.name AS name, pr.en AS en, pr.category AS category,
       COUNT { (:Organization)-[:ADOPTS]->(pr) } AS adopters
ORDER BY adopters DESC, id
