-- Low-zoom tiles ask only for parcels big enough to see (area_m2 >= a bound that grows 4x per zoom out)
-- and read them largest first: with this index the database combines the area bound with the spatial
-- index instead of fetching every parcel in the tile's box and discarding most of them by area.
CREATE INDEX parcels_area_idx ON parcels (area_m2);
