// name: delete_all
// description: Empty the database (ukg build --reset), in batches so a large graph does not exhaust memory.
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
