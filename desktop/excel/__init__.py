"""Excel in and out (台账导入导出): read the ledgers offices already keep, hand back workbooks.

reading (cells of .xlsx/.xls/.csv) → header (where the header is) → columns (which column is
which field) → normalise (one cell to one value) → kinds (one row to one draft record) →
importer (preview, then one transaction, through each kind's writer: register_import,
gate_care_import; the types they share are in plan) ; export (lists as printable workbooks) ;
template (the street office's own forms).
"""
