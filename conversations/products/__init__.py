"""Products by photo (7 PAS P5 Pemasaran): selling, a seller's own listings, review, buying.

photo_intake   a photo a member sent, checked, cleaned and stored for a listing
"""
