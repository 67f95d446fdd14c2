/// Header spellings that mean each ``ColumnRole``, best first.
///
/// Headers and synonyms are compared in *normalized* form (see ``normalize(_:)``): lower case, `#` read
/// as `no`, every other character that is not a letter or digit dropped — so `Customer ID`,
/// `customer_id`, `customer-id` and `CustomerID` are the same key. Earlier entries in a role's list win
/// over later ones (`customer_unique_id` over `customer_id` in the Olist layout, `order_id` over
/// `order_number`).
public enum RoleSynonyms {
    /// The normalized form of a header: lower-cased letters and digits only, `#` spelt `no`.
    ///
    /// `"Item #"` → `"itemno"`, `"Customer ID"` → `"customerid"`, `"line-total"` → `"linetotal"`.
    public static func normalize(_ header: String) -> String {
        var out = ""
        out.reserveCapacity(header.utf8.count)
        for ch in header.lowercased() {
            if ch == "#" {
                out += "no"
            } else if ch.isLetter || ch.isNumber {
                out.append(ch)
            }
        }
        return out
    }

    /// Normalized synonyms per role, best first. A header must equal one of these (after
    /// normalization) to be mapped, except for the few ``suffixSynonyms`` below.
    public static let exact: [ColumnRole: [String]] = [
        .order: [
            "orderid", "invoiceno", "invoice", "transactionid", "transaction", "ordernumber", "orderno",
            "order", "invoiceid", "invoicenumber", "transactionno", "transactionnumber", "basketid",
            "basket", "receiptid", "receiptno", "receiptnumber", "receipt", "ticketid", "ticket", "cartid",
            "salesorder", "salesorderid", "purchaseid", "checkoutid",
        ],
        .customer: [
            "customeruniqueid", "customerid", "customer", "customerno", "customernumber", "customeruserid",
            "memberid", "membernumber", "memberno", "member", "userid", "user", "clientid", "client",
            "clientno", "buyerid", "buyer", "shopperid", "accountid", "customercode",
            "customeremail", "email", "billingemail", "emailaddress",
        ],
        .product: [
            "productid", "sku", "stockcode", "itemid", "item", "productcode", "articleid", "article",
            "articleno", "articlenumber", "product", "itemcode", "itemno", "itemnumber", "productno",
            "productnumber", "lineitemsku", "variantsku", "upc", "ean", "gtin", "barcode", "asin", "plu",
        ],
        .productName: [
            "productname", "description", "itemname", "itemdescription", "productdescription",
            "producttitle", "lineitemname", "articlename", "articledescription", "title", "name",
            "productlabel", "itemtitle",
        ],
        .quantity: [
            "quantity", "qty", "units", "unitssold", "quantityordered", "itemquantity", "lineitemquantity",
            "orderedquantity", "qtyordered", "numberofitems", "numitems", "pieces", "count", "cds",
        ],
        .unitPrice: [
            "unitprice", "price", "itemprice", "lineitemprice", "priceeach", "priceperunit", "sellingprice",
            "saleprice", "salesprice", "retailprice", "unitsaleprice",
        ],
        .lineTotal: [
            "linetotal", "lineamount", "linevalue", "linerevenue", "linesubtotal", "itemtotal",
            "extendedprice", "totalprice", "amount", "revenue", "sales", "salesamount", "dollarvalue",
            "value", "subtotal", "total", "spend",
        ],
        .unitCost: [
            "unitcost", "cost", "cogs", "costprice", "costperunit", "costofgoods", "costofgoodssold",
            "purchaseprice", "buyprice", "wholesaleprice", "itemcostprice",
        ],
        .time: [
            "timestamp", "datetime", "createdat", "orderdate", "orderdatetime", "ordertimestamp",
            "invoicedate", "orderpurchasetimestamp", "purchasetimestamp", "purchasedate", "transactiondate",
            "transactiontime", "ordercreatedat", "createddate", "created", "saledate", "salesdate",
            "dateordered", "ordertime", "date", "time", "day",
        ],
        .category: [
            "category", "productcategory", "productcategoryname", "categoryname", "department", "dept",
            "categories", "productcategories", "producttype", "itemcategory", "articlegroup", "productgroup",
        ],
        .brand: ["brand", "brandname", "vendor", "manufacturer", "make", "productbrand", "productvendor"],
        .shippingFee: [
            "shippingfee", "shipping", "shippingcost", "shippingamount", "shippingprice", "shippingtotal",
            "ordershipping", "freightvalue", "freight", "freightcost", "deliveryfee", "deliverycost",
            "delivery", "postage", "shippingcharge",
        ],
        .discount: [
            "discount", "lineitemdiscount", "linediscount", "itemdiscount", "discountamount", "cartdiscount",
            "discounttotal", "orderdiscount", "coupondiscount", "couponamount", "markdown", "rebate",
        ],
        .status: [
            "status", "orderstatus", "financialstatus", "paymentstatus", "transactionstatus", "orderstate",
        ],
        .country: [
            "country", "billingcountry", "shippingcountry", "countrycode", "customercountry",
            "billingcountrycode", "shippingcountrycode", "countryname",
        ],
        .variant: [
            "variant", "abvariant", "experimentvariant", "testvariant", "abgroup", "testgroup",
            "experimentgroup", "group", "arm", "treatment", "bucket",
        ],
        .offer: ["offer", "offertype", "offersource", "recommendationsource", "source", "upsell", "crosssell"],
        .cancelledAt: ["cancelledat", "canceledat", "cancelleddate", "canceleddate", "cancellationdate", "cancelledon"],
    ]

    /// Synonyms that also match as the *end* of a longer header (`sales_order_id` → order,
    /// `buyer_customer_id` → customer) when nothing matched exactly. Only unambiguous id-like names.
    public static let suffixSynonyms: [ColumnRole: [String]] = [
        .order: ["orderid", "invoiceno", "invoiceid", "transactionid", "ordernumber"],
        .customer: ["customerid", "memberid", "clientid"],
        .product: ["productid", "sku", "stockcode"],
        .productName: ["productname", "itemname"],
        .quantity: ["quantity", "qty"],
        .unitPrice: ["unitprice"],
        .unitCost: ["unitcost"],
        .category: ["categoryname", "category"],
    ]

    /// Normalized names of columns holding only a clock time, which pair with a date-only column
    /// (the bakery layout's `Date` + `Time`).
    public static let timeOfDay: Set<String> = ["time", "ordertime", "transactiontime", "timeofday", "hour"]

    /// Normalized names of columns holding only a calendar date.
    public static let dateOnly: Set<String> = [
        "date", "orderdate", "invoicedate", "transactiondate", "purchasedate", "saledate", "salesdate",
        "day", "dateordered", "createddate",
    ]
}
