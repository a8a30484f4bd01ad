"""The research API: FastAPI over the named Cypher queries, plus the HTML views."""
