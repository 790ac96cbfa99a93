"""The women's-affairs catalog every installation starts with (DOMAIN.md §3): disaggregation
sets, indicators, validation rules and two half-yearly report forms. Loaded by a data
migration (``catalog_load``) with historical models; editable afterwards."""

from __future__ import annotations

from typing import Any

SETS = [
    ("gioi-tinh", "Giới tính", [("nam", "Nam"), ("nu", "Nữ")]),
    (
        "khu-vuc",
        "Khu vực",
        [("nha-nuoc", "Khu vực nhà nước"), ("ngoai-nha-nuoc", "Khu vực ngoài nhà nước")],
    ),
]

# code, name, unit, value type, disaggregation, aggregation, source, metric, activity kind
INDICATORS: list[tuple[Any, ...]] = [
    ("cnvcld", "Công nhân, viên chức, lao động (CNVCLĐ)", "người", "int", "gioi-tinh", "last"),
    ("ty-le-nu-cnvcld", "Tỷ lệ nữ trong CNVCLĐ", "%", "percent", None, "ratio"),
    ("doan-vien", "Đoàn viên công đoàn", "người", "int", "gioi-tinh", "last"),
    ("doan-vien-nu-moi", "Nữ đoàn viên kết nạp mới", "người", "int", None, "sum"),
    ("cdcs", "Công đoàn cơ sở", "đơn vị", "int", "khu-vuc", "last"),
    ("cdcs-co-ban-nu-cong", "CĐCS có Ban nữ công quần chúng", "đơn vị", "int", None, "last"),
    (
        "ty-le-cdcs-ban-nu-cong",
        "Tỷ lệ CĐCS có nữ đủ điều kiện đã thành lập Ban nữ công quần chúng",
        "%",
        "percent",
        None,
        "ratio",
    ),
    ("ban-nu-cong-moi", "Ban nữ công quần chúng thành lập mới", "ban", "int", None, "sum"),
    ("thanh-vien-ban-nu-cong", "Thành viên Ban nữ công quần chúng", "người", "int", None, "last"),
    ("nu-bch", "Nữ tham gia Ban Chấp hành công đoàn các cấp", "người", "int", None, "last"),
    ("ty-le-nu-bch", "Tỷ lệ nữ trong Ban Chấp hành công đoàn", "%", "percent", None, "ratio"),
    ("nu-chu-tich", "Nữ giữ chức Chủ tịch, Phó Chủ tịch công đoàn", "người", "int", None, "last"),
    ("nu-ubkt", "Nữ tham gia Ủy ban Kiểm tra công đoàn", "người", "int", None, "last"),
    ("gvn-dvn", "Lượt nữ đạt danh hiệu “Giỏi việc nước, đảm việc nhà”", "lượt", "int", None, "sum"),
    (
        "khen-thuong-nu",
        "Lượt nữ được khen thưởng (Bằng khen, Giấy khen)",
        "lượt",
        "int",
        None,
        "sum",
    ),
    ("ho-tro-nu-kho-khan", "Lượt nữ đoàn viên khó khăn được hỗ trợ", "lượt", "int", None, "sum"),
    ("tien-ho-tro-nu", "Số tiền hỗ trợ nữ đoàn viên khó khăn", "đồng", "int", None, "sum"),
    ("mai-am", "Mái ấm Công đoàn xây mới, sửa chữa", "nhà", "int", None, "sum"),
    (
        "tuldtt-co-loi-nu",
        "Thỏa ước lao động tập thể có điều khoản có lợi cho lao động nữ",
        "bản",
        "int",
        None,
        "last",
    ),
    ("doi-thoai-nu", "Cuộc đối thoại về quyền lợi của lao động nữ", "cuộc", "int", None, "sum"),
    ("phong-vat-sua", "Phòng vắt, trữ sữa cho lao động nữ", "phòng", "int", None, "last"),
    (
        "nguoi-du-bdg",
        "Người tham gia hoạt động bình đẳng giới, phòng chống quấy rối tình dục",
        "lượt",
        "int",
        "gioi-tinh",
        "sum",
    ),
    ("co-ban-nu-cong", "Đơn vị có Ban nữ công", "đơn vị", "yesno", None, "sum"),
    (
        "bq-thu-nhap-nu",
        "Thu nhập bình quân của lao động nữ",
        "đồng/tháng",
        "decimal",
        None,
        "average",
    ),
    ("danh-gia", "Đánh giá chung, kiến nghị", "", "text", None, "last"),
    ("hoi-vien", "Hội viên phụ nữ", "người", "int", None, "last"),
    ("ho-5k3s", "Hộ gia đình đạt tiêu chí “5 không, 3 sạch”", "hộ", "int", None, "last"),
    ("tre-do-dau", "Trẻ em được nhận đỡ đầu (“Mẹ đỡ đầu”)", "trẻ", "int", None, "last"),
    # Computed from the activities phoihop already records: never typed.
    (
        "hd-so-luong",
        "Số hoạt động đã tổ chức",
        "hoạt động",
        "int",
        None,
        "sum",
        "computed",
        "count",
        None,
    ),
    (
        "hd-nguoi-tham-gia",
        "Lượt người tham gia hoạt động",
        "lượt",
        "int",
        None,
        "sum",
        "computed",
        "participants",
        None,
    ),
    (
        "hd-nu-tham-gia",
        "Lượt nữ tham gia hoạt động",
        "lượt",
        "int",
        None,
        "sum",
        "computed",
        "participants_women",
        None,
    ),
    (
        "hd-kinh-phi",
        "Kinh phí tổ chức hoạt động",
        "đồng",
        "int",
        None,
        "sum",
        "computed",
        "total_cost",
        None,
    ),
    ("hd-tap-huan", "Số lớp tập huấn", "lớp", "int", None, "sum", "computed", "count", "tap-huan"),
]

# code, message, kind, left, operator, right, factor, severity
RULES = [
    (
        "cdcs-ban-nu-cong-le-cdcs",
        "Số CĐCS có Ban nữ công không thể lớn hơn tổng số CĐCS.",
        "compare",
        "cdcs-co-ban-nu-cong",
        "le",
        "cdcs",
        None,
        "hard",
    ),
    (
        "ban-nu-cong-moi-le-co",
        "Số Ban nữ công thành lập mới không thể lớn hơn số CĐCS có Ban nữ công.",
        "compare",
        "ban-nu-cong-moi",
        "le",
        "cdcs-co-ban-nu-cong",
        None,
        "hard",
    ),
    (
        "doan-vien-ge-thanh-vien",
        "Số thành viên Ban nữ công không thể lớn hơn số đoàn viên.",
        "compare",
        "thanh-vien-ban-nu-cong",
        "le",
        "doan-vien",
        None,
        "hard",
    ),
    (
        "nu-chu-tich-le-nu-bch",
        "Số nữ Chủ tịch, Phó Chủ tịch không thể lớn hơn số nữ trong BCH.",
        "compare",
        "nu-chu-tich",
        "le",
        "nu-bch",
        None,
        "hard",
    ),
    (
        "doan-vien-le-cnvcld",
        "Số đoàn viên lớn hơn số CNVCLĐ: hãy kiểm tra và ghi chú.",
        "compare",
        "doan-vien",
        "le",
        "cnvcld",
        None,
        "soft",
    ),
    (
        "doan-vien-tang-dot-bien",
        "Số đoàn viên tăng hơn 3 lần so với kỳ trước: hãy ghi chú.",
        "jump",
        "doan-vien",
        "",
        None,
        "3",
        "soft",
    ),
    (
        "gvn-dvn-tang-dot-bien",
        "Số lượt “Giỏi việc nước, đảm việc nhà” tăng hơn 3 lần so với kỳ trước: hãy ghi chú.",
        "jump",
        "gvn-dvn",
        "",
        None,
        "3",
        "soft",
    ),
]

UNION_CODES = [row[0] for row in INDICATORS if row[0] not in {"hoi-vien", "ho-5k3s", "tre-do-dau"}]
FORMS = [
    (
        "nu-cong-6-thang",
        "Báo cáo công tác nữ công 6 tháng",
        "half",
        15,
        10,
        "cong-doan",
        ["tinh", "nganh-tw", "huyen", "co-so"],
        UNION_CODES,
    ),
    (
        "phu-nu-6-thang",
        "Báo cáo kết quả công tác Hội 6 tháng",
        "half",
        15,
        10,
        "hoi-lhpn",
        ["tinh", "huyen", "xa"],
        [
            "hoi-vien",
            "ho-5k3s",
            "tre-do-dau",
            "hd-so-luong",
            "hd-nguoi-tham-gia",
            "hd-nu-tham-gia",
            "danh-gia",
        ],
    ),
]


def catalog_load(apps: Any) -> None:
    """Create (or leave as they are) the catalog rows; idempotent."""
    get = apps.get_model
    sets = {}
    for code, name, categories in SETS:
        sets[code], _c = get("indicators", "DisaggregationSet").objects.get_or_create(
            code=code, defaults={"name": name}
        )
        for order, (cat_code, cat_name) in enumerate(categories):
            get("indicators", "Category").objects.get_or_create(
                set=sets[code], code=cat_code, defaults={"name": cat_name, "order": order}
            )
    kinds = {k.code: k for k in get("activities", "ActivityKind").objects.all()}
    indicators = {}
    for order, row in enumerate(INDICATORS):
        code, name, unit, vtype, dis, agg, *rest = row
        source, metric, kind = (*rest, "typed", "", None)[:3]
        indicators[code], _c = get("indicators", "Indicator").objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "unit_label": unit,
                "value_type": vtype,
                "disaggregation": sets.get(dis),
                "aggregation": agg,
                "source": source,
                "activity_metric": metric or "",
                "activity_kind": kinds.get(kind),
                "order": order,
            },
        )
    for code, message, kind, left, op, right, factor, severity in RULES:
        get("indicators", "ValidationRule").objects.get_or_create(
            code=code,
            defaults={
                "name": message,
                "kind": kind,
                "left": indicators[left],
                "operator": op,
                "right": indicators.get(right),
                "factor": factor,
                "severity": severity,
            },
        )
    levels = get("orgs", "OrgLevel").objects.select_related("system")
    for code, name, ptype, cutoff, deadline, system, level_codes, codes in FORMS:
        form, created = get("indicators", "ReportForm").objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "period_type": ptype,
                "cutoff_day": cutoff,
                "deadline_days": deadline,
            },
        )
        if not created:
            continue
        form.levels.set(levels.filter(system__code=system, code__in=level_codes))
        for order, indicator_code in enumerate(codes):
            get("indicators", "ReportFormIndicator").objects.create(
                form=form, indicator=indicators[indicator_code], order=order
            )
