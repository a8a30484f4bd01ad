// name: regions
// description: Cities and counties with how many carriers (小镇, 园区, 商圈 …) and organisations lie in them — the places a region view can be drawn for.
// param: level: string = null — only this administrative level: city or county
// returns: rows of {key, name, adminLevel, carriers, organizations}
MATCH (place:AdminArea)
WHERE place.adminLevel IN ['city', 'county'] AND ($level IS NULL OR place.adminLevel = $level)
WITH place, COLLECT { MATCH (c:Carrier)
                      WHERE c.city = place.name OR c.county = place.name OR EXISTS { (c)-[:LOCATED_IN*1..5]->(place) }
                      RETURN DISTINCT c } AS carriers
WITH place, carriers,
     COUNT { MATCH (o:Organization)-[:LOCATED_IN|COVERS]->(x:Place) WHERE x = place OR x IN carriers RETURN DISTINCT o } AS organizations
RETURN place.key AS key, place.name AS name, place.adminLevel AS adminLevel, size(carriers) AS carriers, organizations
ORDER BY CASE adminLevel WHEN 'city' THEN 0 ELSE 1 END, carriers DESC, organizations DESC, name
