-- A photo's thumbnail (always JPEG): values photo id, inspection id.
SELECT 'image/jpeg', thumbnail FROM inspection_photos WHERE id = ? AND inspection_id = ?
