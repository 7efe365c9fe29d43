-- A visit's photos without their bytes, in the order sent: values inspection id.
SELECT id, media_type, width, height, exif_lat, exif_lon, exif_taken_at, size_bytes
  FROM inspection_photos
 WHERE inspection_id = ?
 ORDER BY id
