"""ukg graph loader: raw union publications → normalised articles → entities → RDF → Neo4j."""

__version__ = "0.1.0"
