"""Products by photo (7 PAS P5 Pemasaran): selling, a seller's own listings, review, buying.

photo_intake      a photo a member sent, checked, cleaned and stored for a listing
hub               Produk & jualan: the products menu, a table other tools join
selling           Jual produk: a listing from a photo and its caption, to published
sell_draft        the listing being written (flow data), and what to ask next
sell_edits        changing it from the preview: any field, photos, the WhatsApp link
listing_preview   the seller's preview of a listing, and what became of it
my_products       "Produk saya": a member's own listings, their figures, links and changes
                  (my_product_state, my_product_edits, my_product_photos, listing_text)
review            coordinators and admins approve or reject listings waiting for review
                  (rejection_reasons: the common reasons, shown in the reader's language)
browsing          Cari produk: buyers browse by category, kecamatan or words, as photo cards
product_cards     a product as a chat card (photo, short lines, "Tanya penjual", "Laporkan")
reporting         Laporkan: a product reported from chat, with a reason
asking_seller     Tanya penjual: a buyer and a seller talking through the bot, both ways
inquiry_notices   the relayed messages of "Tanya penjual" in words, as the outbox sends them
"""
