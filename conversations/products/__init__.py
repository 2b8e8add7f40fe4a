"""Products by photo (7 PAS P5 Pemasaran): selling, a seller's own listings, review, buying.

photo_intake   a photo a member sent, checked, cleaned and stored for a listing
my_products    "Produk saya": a member's own listings, their figures, links and changes
               (my_product_state, my_product_edits, my_product_photos, listing_text)
review         coordinators and admins approve or reject listings waiting for review
               (rejection_reasons: the common reasons, shown in the reader's language)
"""
