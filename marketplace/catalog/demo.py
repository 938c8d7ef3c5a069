# Sizes are written with the multiplication sign U+00D7 ("120 x 180 cm"), as shoppers expect.
# ruff: noqa: RUF001
"""Demo content for a fresh Souk: shops across Morocco, the category tree and about
eighty products written in English, French and Arabic, with placeholder images drawn
by Pillow.

`seed()` is idempotent: shops, categories and products are looked up by slug and
variants by SKU before anything is created, and images are drawn only for a product
that has none. `generate_products()` bulk-inserts many generated products for scale
tests, reusing the image files the demo products already stored.
"""

import hashlib
import io
import math
import random
import secrets
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont

from marketplace.catalog.models import Category, Product, ProductImage, Variant
from marketplace.vendors.models import Vendor

# (English, French, Arabic)
T = tuple[str, str, str]
# (size, colour, price override or None)
Option = tuple[str, str, str | None]

LANGS = ("en", "fr", "ar")
IMAGE_SIZE = (1200, 900)
LOGO_SIZE = 400
BANNER_SIZE = (1600, 480)
CATEGORY_IMAGE_SIZE = (800, 600)
DEMO_DAYS = 90


@dataclass(frozen=True)
class ShopSpec:
    slug: str
    code: str  # SKU prefix
    name: str
    kind: str
    region: str
    city: str
    email: str
    craft: str  # root category slug: the colours of its logo and banner
    story: T
    featured: bool = False
    commission: str | None = None


@dataclass(frozen=True)
class CategorySpec:
    slug: str
    name: T
    description: T
    parent: str | None = None
    featured: bool = False


@dataclass(frozen=True)
class ProductSpec:
    shop: str
    category: str
    name: T
    description: T
    materials: T
    price: str
    options: tuple[Option, ...]
    compare: str | None = None
    days: int = 0
    personal: bool = False
    featured: bool = False
    rating: tuple[str, int] | None = None
    sold_out: bool = False


def one() -> tuple[Option, ...]:
    """A single default variant: no size, no colour."""
    return (("", "", None),)


def sizes(*pairs: tuple[str, str | None], colours: Sequence[str] = ("",)) -> tuple[Option, ...]:
    """Size variants (optionally crossed with colours); a size priced None uses the base price."""
    return tuple((size, colour, price) for size, price in pairs for colour in colours)


def colours(*names: str, size: str = "") -> tuple[Option, ...]:
    return tuple((size, name, None) for name in names)


def shoes(*names: str, first: int = 38, last: int = 44) -> tuple[Option, ...]:
    return tuple((str(size), name, None) for name in names for size in range(first, last + 1))


# --- Shops ------------------------------------------------------------------------

SHOPS: tuple[ShopSpec, ...] = (
    ShopSpec(
        slug="cooperative-tifaout",
        code="TIF",
        name="Coopérative Tifaout",
        kind=Vendor.Kind.ASSOCIATION,
        region="Souss-Massa",
        city="Taroudant",
        email="contact@tifaout.example",
        craft="cosmetics",
        featured=True,
        commission="8.00",
        story=(
            "Tifaout means “first light” in Tamazight. Forty-two women from the villages "
            "around Taroudant crack, roast and press argan kernels by hand, as their mothers "
            "did, and share the income from every bottle. The cooperative also pays for "
            "literacy classes for its members.",
            "Tifaout signifie « première lumière » en tamazight. Quarante-deux femmes des "
            "villages autour de Taroudant concassent, torréfient et pressent à la main les "
            "amandons d'argan, comme leurs mères avant elles, et se partagent le revenu de "
            "chaque flacon. La coopérative finance aussi des cours d'alphabétisation pour ses "
            "membres.",
            "تيفاوت تعني «النور الأول» بالأمازيغية. تكسر اثنتان وأربعون امرأة من قرى نواحي "
            "تارودانت لوز الأركان وتحمّصه وتعصره باليد كما كانت تفعل أمهاتهن، ويتقاسمن عائد "
            "كل قارورة. وتموّل التعاونية أيضا دروس محو الأمية لعضواتها.",
        ),
    ),
    ShopSpec(
        slug="poterie-bennani",
        code="BEN",
        name="Poterie Bennani",
        kind=Vendor.Kind.ARTISAN,
        region="Fès-Meknès",
        city="Fès",
        email="atelier@poterie-bennani.example",
        craft="pottery-ceramics",
        story=(
            "Three generations of the Bennani family have shaped clay in the potters' quarter "
            "of Ain Nokbi, on the edge of the Fez medina. Hassan Bennani still paints the "
            "cobalt-blue Fassi patterns freehand, with a brush of donkey hair, before each "
            "piece goes into the family kiln.",
            "Trois générations de la famille Bennani ont façonné l'argile dans le quartier des "
            "potiers d'Aïn Nokbi, aux portes de la médina de Fès. Hassan Bennani peint encore "
            "à main levée les motifs fassis bleu de cobalt, au pinceau en poil d'âne, avant "
            "que chaque pièce n'entre dans le four familial.",
            "توارثت ثلاثة أجيال من عائلة بناني صناعة الفخار في حي عين النقبي للخزّافين على "
            "مشارف المدينة العتيقة بفاس. وما زال حسن بناني يرسم الزخارف الفاسية بالأزرق "
            "الكوبالتي بيده الحرة وبفرشاة من شعر الحمار، قبل أن تدخل كل قطعة فرن العائلة.",
        ),
    ),
    ShopSpec(
        slug="atelier-cuir-mouassine",
        code="MOU",
        name="Atelier Cuir Mouassine",
        kind=Vendor.Kind.ARTISAN,
        region="Marrakech-Safi",
        city="Marrakech",
        email="bonjour@cuir-mouassine.example",
        craft="leather",
        story=(
            "Youssef Alaoui and his two apprentices work in a small workshop behind the "
            "Mouassine fountain in the Marrakech medina. They choose vegetable-tanned hides "
            "from the tanneries of Bab Debbagh, then cut, stitch and finish every bag and "
            "every pair of babouches by hand.",
            "Youssef Alaoui et ses deux apprentis travaillent dans un petit atelier derrière "
            "la fontaine Mouassine, dans la médina de Marrakech. Ils choisissent des peaux au "
            "tannage végétal dans les tanneries de Bab Debbagh, puis coupent, cousent et "
            "finissent à la main chaque sac et chaque paire de babouches.",
            "يشتغل يوسف العلوي ومتعلّماه في ورشة صغيرة خلف سقاية المواسين بالمدينة العتيقة "
            "لمراكش. يختارون جلودا مدبوغة دباغة نباتية من دبّاغة باب الدباغ، ثم يقصّون "
            "ويخيطون ويشطّبون كل حقيبة وكل زوج من البلاغي باليد.",
        ),
    ),
    ShopSpec(
        slug="association-tilelli-azilal",
        code="TIL",
        name="Association Tilelli",
        kind=Vendor.Kind.ASSOCIATION,
        region="Béni Mellal-Khénifra",
        city="Azilal",
        email="tisserandes@tilelli.example",
        craft="rugs",
        featured=True,
        commission="8.00",
        story=(
            "Tilelli, “freedom” in Tamazight, brings together sixty weavers from the high "
            "valleys of the Azilal province. The women spin wool from their own flocks and "
            "knot rugs on upright looms through the long mountain winters; the association "
            "pays them as soon as a rug is finished, not when it sells.",
            "Tilelli, « liberté » en tamazight, réunit soixante tisserandes des hautes vallées "
            "de la province d'Azilal. Les femmes filent la laine de leurs propres troupeaux et "
            "nouent les tapis sur des métiers verticaux pendant les longs hivers de montagne ; "
            "l'association les paie dès qu'un tapis est terminé, sans attendre qu'il soit "
            "vendu.",
            "تجمع جمعية تيليلي، أي «الحرية» بالأمازيغية، ستين نسّاجة من الوديان العليا بإقليم "
            "أزيلال. تغزل النساء صوف قطعانهن ويعقدن الزرابي على المناسج العمودية طوال شتاء "
            "الجبل الطويل، وتؤدي لهن الجمعية أجرهن بمجرد انتهاء الزربية دون انتظار بيعها.",
        ),
    ),
    ShopSpec(
        slug="atelier-oubella-tiznit",
        code="OUB",
        name="Atelier Oubella",
        kind=Vendor.Kind.ARTISAN,
        region="Souss-Massa",
        city="Tiznit",
        email="brahim@oubella.example",
        craft="jewellery",
        story=(
            "Brahim Oubella learned silversmithing from his uncle in the jewellers' souk of "
            "Tiznit, the town Amazigh brides have long trusted with their silver. He works "
            "sterling silver with engraving, filigree and enamel, and keeps the old motifs of "
            "the Anti-Atlas alive: the fibula, the khamsa and the stars.",
            "Brahim Oubella a appris l'orfèvrerie auprès de son oncle dans le souk des "
            "bijoutiers de Tiznit, la ville à laquelle les mariées amazighes confient depuis "
            "toujours leur argent. Il travaille l'argent massif gravé, filigrané et émaillé, "
            "et fait vivre les motifs anciens de l'Anti-Atlas : la fibule, la khamsa et les "
            "étoiles.",
            "تعلّم إبراهيم أوبلا صناعة الفضة على يد عمه في سوق الصاغة بتيزنيت، المدينة التي "
            "ائتمنتها العرائس الأمازيغيات على حليّهن الفضية منذ القدم. يصوغ الفضة الخالصة "
            "بالنقش والتخريم والمينا، ويحافظ على زخارف الأطلس الصغير القديمة: الخلالة "
            "والخميسة والنجوم.",
        ),
    ),
    ShopSpec(
        slug="ceramiques-de-la-colline",
        code="COL",
        name="Céramiques de la Colline",
        kind=Vendor.Kind.ARTISAN,
        region="Marrakech-Safi",
        city="Safi",
        email="contact@ceramiques-colline.example",
        craft="pottery-ceramics",
        story=(
            "On the potters' hill of Safi, above the Atlantic, Fatima Zahra Serghini runs the "
            "workshop her grandfather opened in 1962. Safi pottery is known for its deep "
            "glazes and metallic lustre; each plate and tagine is thrown on a kick wheel and "
            "glazed in small batches.",
            "Sur la colline des potiers de Safi, face à l'Atlantique, Fatima Zahra Serghini "
            "dirige l'atelier que son grand-père a ouvert en 1962. La poterie de Safi est "
            "réputée pour ses émaux profonds et ses reflets métalliques ; chaque assiette et "
            "chaque tajine est tourné au tour à pied puis émaillé en petites séries.",
            "فوق تلة الخزّافين بآسفي المطلة على المحيط الأطلسي، تدير فاطمة الزهراء السرغيني "
            "الورشة التي افتتحها جدها سنة 1962. يشتهر خزف آسفي بألوانه المزجّجة العميقة "
            "وبريقه المعدني، وكل صحن وطاجين يُشكَّل على دولاب يُدار بالقدم ثم يُزجَّج على دفعات "
            "صغيرة.",
        ),
    ),
    ShopSpec(
        slug="cooperative-nssij-chaouen",
        code="NSJ",
        name="Coopérative Nssij Chaouen",
        kind=Vendor.Kind.ASSOCIATION,
        region="Tanger-Tétouan-Al Hoceïma",
        city="Chefchaouen",
        email="nssij@chaouen.example",
        craft="textiles",
        story=(
            "In the blue-washed lanes of Chefchaouen, eighteen weavers share a workshop of "
            "wooden floor looms. They weave cotton and wool blankets, striped foutas and light "
            "scarves in the colours of the Rif mountains, and teach the craft to young people "
            "from the town.",
            "Dans les ruelles bleues de Chefchaouen, dix-huit tisserands partagent un atelier "
            "de métiers à pédales en bois. Ils tissent des couvertures en coton et en laine, "
            "des foutas rayées et des écharpes légères aux couleurs du Rif, et transmettent "
            "le métier aux jeunes de la ville.",
            "في أزقة شفشاون المصبوغة بالأزرق، يتقاسم ثمانية عشر نسّاجا ورشة من المناسج "
            "الخشبية. ينسجون أغطية من القطن والصوف وفوطا مخططة وأوشحة خفيفة بألوان جبال "
            "الريف، ويعلّمون الحرفة لشباب المدينة.",
        ),
    ),
    ShopSpec(
        slug="atelier-mogador-thuya",
        code="MOG",
        name="Atelier Mogador Thuya",
        kind=Vendor.Kind.ARTISAN,
        region="Marrakech-Safi",
        city="Essaouira",
        email="atelier@mogador-thuya.example",
        craft="woodwork",
        story=(
            "Under the ramparts of Essaouira, the old Mogador, Abdelkrim Lahlou carves and "
            "inlays thuya, a fragrant wood that grows only in the hills around the town. He "
            "works the burl from the root, which the tree grows back, and inlays it with "
            "lemonwood, ebony and mother-of-pearl.",
            "Au pied des remparts d'Essaouira, l'ancienne Mogador, Abdelkrim Lahlou sculpte et "
            "marquète le thuya, un bois parfumé qui ne pousse que dans les collines autour de "
            "la ville. Il travaille la loupe de la souche, que l'arbre fait repousser, et "
            "l'incruste de citronnier, d'ébène et de nacre.",
            "تحت أسوار الصويرة، موغادور القديمة، ينحت عبد الكريم لحلو خشب العرعار ويطعّمه، "
            "وهو خشب عطِر لا ينبت إلا في التلال المحيطة بالمدينة. يشتغل على جذور الشجرة التي "
            "تعود إلى النمو، ويطعّمها بخشب الليمون والأبنوس والصدف.",
        ),
    ),
    ShopSpec(
        slug="fanous-marrakech",
        code="FAN",
        name="Fanous Marrakech",
        kind=Vendor.Kind.ARTISAN,
        region="Marrakech-Safi",
        city="Marrakech",
        email="souk@fanous-marrakech.example",
        craft="metalwork",
        story=(
            "In the metalworkers' souk of Marrakech, Mustapha Ait Lahcen and his sons hammer, "
            "chase and pierce brass, copper and iron into lanterns, trays and teapots. Every "
            "pattern is punched by hand, so that the light falls through the lanterns in the "
            "shapes of the old riads.",
            "Dans le souk des dinandiers de Marrakech, Mustapha Aït Lahcen et ses fils "
            "martèlent, cisèlent et ajourent le laiton, le cuivre et le fer pour en faire des "
            "lanternes, des plateaux et des théières. Chaque motif est percé à la main, pour "
            "que la lumière dessine à travers les lanternes les formes des anciens riads.",
            "في سوق النحّاسين بمراكش، يطرق مصطفى آيت لحسن وأبناؤه النحاس الأصفر والأحمر "
            "والحديد وينقشونه ويخرّمونه ليصنعوا منه فوانيس وصواني وبرارد. كل زخرفة تُثقب "
            "باليد، حتى يرسم الضوء عبر الفوانيس أشكال الرياضات القديمة.",
        ),
    ),
)


# --- Categories -------------------------------------------------------------------

CATEGORIES: tuple[CategorySpec, ...] = (
    CategorySpec(
        "rugs",
        ("Rugs", "Tapis", "زرابي"),
        (
            "Hand-knotted and flat-woven rugs from the Atlas mountains.",
            "Tapis noués main et tissages plats des montagnes de l'Atlas.",
            "زرابي معقودة باليد ومنسوجات مسطحة من جبال الأطلس.",
        ),
        featured=True,
    ),
    CategorySpec(
        "beni-ourain-rugs",
        ("Beni Ourain rugs", "Tapis Beni Ouarain", "زرابي بني ورين"),
        (
            "Thick undyed wool with dark geometric lines, in the Middle Atlas tradition.",
            "Laine épaisse et écrue aux lignes géométriques sombres, dans la tradition du "
            "Moyen Atlas.",
            "صوف كثيف غير مصبوغ بخطوط هندسية داكنة، على تقاليد الأطلس المتوسط.",
        ),
        parent="rugs",
    ),
    CategorySpec(
        "kilims",
        ("Kilims", "Kilims", "حنابل"),
        (
            "Light flat-woven rugs, reversible and easy to move.",
            "Tapis légers tissés à plat, réversibles et faciles à déplacer.",
            "زرابي خفيفة منسوجة نسجا مسطحا، تُستعمل على الوجهين ويسهل نقلها.",
        ),
        parent="rugs",
    ),
    CategorySpec(
        "azilal-rugs",
        ("Azilal rugs", "Tapis d'Azilal", "زرابي أزيلال"),
        (
            "Bright, playful symbols knotted on a cream wool ground in the High Atlas.",
            "Des symboles vifs et libres noués sur fond de laine crème, dans le Haut Atlas.",
            "رموز زاهية وحرة معقودة على أرضية من الصوف الكريمي في الأطلس الكبير.",
        ),
        parent="rugs",
    ),
    CategorySpec(
        "pottery-ceramics",
        ("Pottery & ceramics", "Poterie et céramique", "الفخار والخزف"),
        (
            "Tagines, tableware and vases thrown and painted by hand in Fez and Safi.",
            "Tajines, vaisselle et vases tournés et peints à la main à Fès et à Safi.",
            "طواجين وأوانٍ ومزهريات مشكّلة ومرسومة باليد في فاس وآسفي.",
        ),
        featured=True,
    ),
    CategorySpec(
        "tagines",
        ("Tagines", "Tajines", "طواجين"),
        (
            "Glazed tagines for the table and plain clay ones for slow cooking.",
            "Tajines émaillés pour le service et en terre brute pour la cuisson lente.",
            "طواجين مزجّجة للتقديم وأخرى من الطين الخام للطهي على نار هادئة.",
        ),
        parent="pottery-ceramics",
    ),
    CategorySpec(
        "plates-bowls",
        ("Plates & bowls", "Assiettes et bols", "صحون وزلايف"),
        (
            "Everyday tableware painted with the patterns of Fez and Safi.",
            "Vaisselle de tous les jours peinte des motifs de Fès et de Safi.",
            "أوانٍ للاستعمال اليومي مزيّنة بزخارف فاس وآسفي.",
        ),
        parent="pottery-ceramics",
    ),
    CategorySpec(
        "vases-decor",
        ("Vases & decor", "Vases et décoration", "مزهريات وديكور"),
        (
            "Vases, jars and zellige pieces for the home.",
            "Vases, pots et pièces de zellige pour la maison.",
            "مزهريات وبرنيات وقطع من الزليج لتزيين البيت.",
        ),
        parent="pottery-ceramics",
    ),
    CategorySpec(
        "leather",
        ("Leather", "Cuir", "الجلد"),
        (
            "Vegetable-tanned leather from the Marrakech tanneries, cut and stitched by hand.",
            "Cuir au tannage végétal des tanneries de Marrakech, coupé et cousu à la main.",
            "جلد مدبوغ دباغة نباتية من دبّاغات مراكش، مقصوص ومخيط باليد.",
        ),
        featured=True,
    ),
    CategorySpec(
        "leather-bags",
        ("Bags", "Sacs", "حقائب"),
        (
            "Shoulder bags, totes and small leather goods that age beautifully.",
            "Sacs besaces, cabas et petite maroquinerie qui se patinent avec le temps.",
            "حقائب كتف وقفف ومصنوعات جلدية صغيرة يزداد جمالها مع الزمن.",
        ),
        parent="leather",
    ),
    CategorySpec(
        "babouches",
        ("Babouches", "Babouches", "بلاغي"),
        (
            "Soft leather slippers with pointed or round toes.",
            "Chaussons en cuir souple, à bout pointu ou rond.",
            "نعال جلدية ناعمة بمقدمة مدبّبة أو مستديرة.",
        ),
        parent="leather",
    ),
    CategorySpec(
        "poufs",
        ("Poufs", "Poufs", "بوفات"),
        (
            "Embroidered leather poufs, sent unstuffed.",
            "Poufs en cuir brodé, livrés sans rembourrage.",
            "بوفات جلدية مطرّزة تُرسل دون حشو.",
        ),
        parent="leather",
    ),
    CategorySpec(
        "jewellery",
        ("Jewellery", "Bijoux", "الحلي"),
        (
            "Amazigh silver from Tiznit: engraved, filigree and enamelled.",
            "L'argent amazigh de Tiznit : gravé, filigrané et émaillé.",
            "فضة أمازيغية من تيزنيت: منقوشة ومخرّمة ومزيّنة بالمينا.",
        ),
    ),
    CategorySpec(
        "necklaces",
        ("Necklaces & pendants", "Colliers et pendentifs", "قلائد ودلايات"),
        (
            "Pendants, fibulae and festive necklaces in silver.",
            "Pendentifs, fibules et colliers de fête en argent.",
            "دلايات وخلالات وقلائد الأعراس من الفضة.",
        ),
        parent="jewellery",
    ),
    CategorySpec(
        "bracelets",
        ("Bracelets", "Bracelets", "أساور"),
        (
            "Cuffs, bangles and anklets, engraved or enamelled.",
            "Manchettes, joncs et chaînes de cheville, gravés ou émaillés.",
            "دمالج وأساور وخلاخل، منقوشة أو مزيّنة بالمينا.",
        ),
        parent="jewellery",
    ),
    CategorySpec(
        "earrings",
        ("Earrings", "Boucles d'oreilles", "أقراط"),
        (
            "Hoops, drops and studs from the silversmiths of Tiznit.",
            "Créoles, pendants et puces des orfèvres de Tiznit.",
            "أقراط حلقية ومتدلية وصغيرة من صاغة تيزنيت.",
        ),
        parent="jewellery",
    ),
    CategorySpec(
        "textiles",
        ("Textiles", "Textiles", "المنسوجات"),
        (
            "Blankets, foutas and scarves woven on wooden looms in the Rif.",
            "Couvertures, foutas et écharpes tissées sur des métiers en bois dans le Rif.",
            "أغطية وفوط وأوشحة منسوجة على مناسج خشبية في الريف.",
        ),
    ),
    CategorySpec(
        "blankets-throws",
        ("Blankets & throws", "Couvertures et plaids", "أغطية وأفرشة"),
        (
            "Wedding blankets, wool covers and light cotton throws.",
            "Couvertures de mariage, plaids en laine et jetés légers en coton.",
            "أغطية الأعراس وأغطية صوفية وأفرشة قطنية خفيفة.",
        ),
        parent="textiles",
    ),
    CategorySpec(
        "foutas",
        ("Foutas & table linen", "Foutas et linge de table", "فوط ومفارش"),
        (
            "Flat-woven hammam towels, napkins and tablecloths.",
            "Serviettes de hammam tissées à plat, serviettes de table et nappes.",
            "مناشف الحمّام المنسوجة نسجا مسطحا ومناديل ومفارش المائدة.",
        ),
        parent="textiles",
    ),
    CategorySpec(
        "scarves",
        ("Scarves & shawls", "Écharpes et châles", "أوشحة وشالات"),
        (
            "Wool, cotton and cactus-silk scarves, dyed by hand.",
            "Écharpes en laine, en coton et en soie de cactus, teintes à la main.",
            "أوشحة من الصوف والقطن وحرير الصبّار، مصبوغة باليد.",
        ),
        parent="textiles",
    ),
    CategorySpec(
        "cosmetics",
        ("Natural cosmetics", "Cosmétiques naturels", "مستحضرات التجميل الطبيعية"),
        (
            "Argan oil, black soap and ghassoul clay made by women's cooperatives.",
            "Huile d'argan, savon noir et ghassoul préparés par des coopératives de femmes.",
            "زيت الأركان والصابون البلدي والغاسول من إنتاج التعاونيات النسائية.",
        ),
        featured=True,
    ),
    CategorySpec(
        "argan-oil",
        ("Argan oil", "Huile d'argan", "زيت الأركان"),
        (
            "Cosmetic and culinary argan oil, pressed by the cooperative.",
            "Huile d'argan cosmétique et alimentaire, pressée par la coopérative.",
            "زيت الأركان التجميلي والغذائي، تعصره التعاونية.",
        ),
        parent="cosmetics",
    ),
    CategorySpec(
        "black-soap-hammam",
        ("Black soap & hammam", "Savon noir et hammam", "الصابون البلدي والحمّام"),
        (
            "Everything for a Moroccan hammam at home.",
            "Tout pour un hammam marocain à la maison.",
            "كل ما تحتاجه لحمّام مغربي في البيت.",
        ),
        parent="cosmetics",
    ),
    CategorySpec(
        "ghassoul",
        ("Ghassoul clay", "Ghassoul", "الغاسول"),
        (
            "Mineral clay from the Middle Atlas for hair and skin.",
            "Argile minérale du Moyen Atlas pour les cheveux et la peau.",
            "طين معدني من الأطلس المتوسط للشعر والبشرة.",
        ),
        parent="cosmetics",
    ),
    CategorySpec(
        "woodwork",
        ("Woodwork", "Bois", "المصنوعات الخشبية"),
        (
            "Thuya from Essaouira and olive wood, carved and inlaid.",
            "Thuya d'Essaouira et bois d'olivier, sculptés et marquetés.",
            "خشب العرعار من الصويرة وخشب الزيتون، منحوت ومطعّم.",
        ),
    ),
    CategorySpec(
        "thuya",
        ("Thuya boxes & games", "Boîtes et jeux en thuya", "علب وألعاب من العرعار"),
        (
            "Jewellery boxes, tea boxes and chess sets in fragrant thuya burl.",
            "Coffrets à bijoux, boîtes à thé et jeux d'échecs en loupe de thuya parfumée.",
            "علب المجوهرات وعلب الشاي ورقع الشطرنج من جذور العرعار العطرة.",
        ),
        parent="woodwork",
    ),
    CategorySpec(
        "olive-wood",
        ("Olive wood kitchen", "Cuisine en bois d'olivier", "أدوات المطبخ من خشب الزيتون"),
        (
            "Bowls, spoons and boards turned from old olive trees.",
            "Saladiers, cuillères et planches tournés dans de vieux oliviers.",
            "زلايف وملاعق وألواح مصنوعة من أشجار زيتون قديمة.",
        ),
        parent="woodwork",
    ),
    CategorySpec(
        "metalwork",
        ("Metalwork", "Dinanderie", "النحاسيات"),
        (
            "Lanterns, trays and teapots hammered and pierced by hand in Marrakech.",
            "Lanternes, plateaux et théières martelés et ajourés à la main à Marrakech.",
            "فوانيس وصوانٍ وبرارد مطروقة ومخرّمة باليد في مراكش.",
        ),
    ),
    CategorySpec(
        "lanterns",
        ("Lanterns & lamps", "Lanternes et luminaires", "فوانيس وثريات"),
        (
            "Pierced brass, copper and coloured glass that scatter light.",
            "Laiton ajouré, cuivre et verre coloré qui sèment la lumière.",
            "نحاس مخرّم وزجاج ملوّن ينثر الضوء.",
        ),
        parent="metalwork",
    ),
    CategorySpec(
        "trays-teapots",
        ("Trays & teapots", "Plateaux et théières", "صوانٍ وبرارد"),
        (
            "Everything for serving mint tea the Moroccan way.",
            "Tout pour servir le thé à la menthe à la marocaine.",
            "كل ما يلزم لتقديم شاي النعناع على الطريقة المغربية.",
        ),
        parent="metalwork",
    ),
)


# --- Products ---------------------------------------------------------------------

WOOL = ("Undyed sheep's wool", "Laine de mouton non teinte", "صوف غنم غير مصبوغ")
WOOL_DYED = (
    "Wool, natural dyes",
    "Laine, teintures naturelles",
    "صوف، أصباغ طبيعية",
)
KILIM_CUSHION = (
    "Wool kilim, cotton back",
    "Kilim en laine, dos en coton",
    "حنبل صوفي، ظهر من القطن",
)
EARTHENWARE = (
    "Glazed earthenware, lead-free glaze",
    "Faïence émaillée, émail sans plomb",
    "فخار مزجّج بطلاء خالٍ من الرصاص",
)
TERRACOTTA = ("Unglazed terracotta", "Terre cuite non émaillée", "طين مشوي غير مزجّج")
ZELLIGE = ("Zellige tiles, wrought iron", "Zellige, fer forgé", "زليج، حديد مطروق")
COWHIDE = (
    "Vegetable-tanned cowhide, brass",
    "Cuir de vachette au tannage végétal, laiton",
    "جلد بقري مدبوغ دباغة نباتية، نحاس أصفر",
)
GOATSKIN = ("Goatskin", "Peau de chèvre", "جلد الماعز")
GOATSKIN_SILK = ("Goatskin, silk thread", "Peau de chèvre, fil de soie", "جلد الماعز، خيط حرير")
GOATSKIN_KILIM = ("Goatskin, wool kilim", "Peau de chèvre, kilim en laine", "جلد الماعز، حنبل صوفي")
SILVER = ("Sterling silver 925", "Argent 925", "فضة عيار 925")
SILVER_ENAMEL = ("Sterling silver 925, enamel", "Argent 925, émail", "فضة عيار 925، مينا")
SILVER_CORAL = (
    "Sterling silver, coral, enamel",
    "Argent, corail, émail",
    "فضة، مرجان، مينا",
)
WOOL_COTTON_SEQUINS = (
    "Wool, cotton, sequins",
    "Laine, coton, sequins",
    "صوف، قطن، ترتر",
)
RIF_WOOL = ("Rif wool", "Laine du Rif", "صوف ريفي")
COTTON = ("Cotton", "Coton", "قطن")
SABRA = (
    "Agave silk (sabra), cotton",
    "Soie d'agave (sabra), coton",
    "حرير الصبّار (الصبرة)، قطن",
)
ARGAN = ("100% argan oil", "100 % huile d'argan", "زيت أركان 100%")
ARGAN_ROSE = (
    "Argan oil, Damask rose petals",
    "Huile d'argan, pétales de rose de Damas",
    "زيت الأركان، بتلات الورد الدمشقي",
)
HAIR_MASK = (
    "Argan oil, shea butter, honey",
    "Huile d'argan, beurre de karité, miel",
    "زيت الأركان، زبدة الشيا، عسل",
)
BLACK_SOAP = (
    "Olive oil, black olives, eucalyptus",
    "Huile d'olive, olives noires, eucalyptus",
    "زيت الزيتون، زيتون أسود، أوكالبتوس",
)
HAMMAM_SET = (
    "Black soap, ghassoul, argan oil, palm basket",
    "Savon noir, ghassoul, huile d'argan, panier en palmier",
    "صابون بلدي، غاسول، زيت الأركان، سلة من سعف النخيل",
)
GHASSOUL = ("Ghassoul clay", "Argile ghassoul", "طين الغاسول")
GHASSOUL_HERBS = (
    "Ghassoul, rose, myrtle, lavender",
    "Ghassoul, rose, myrte, lavande",
    "غاسول، ورد، ريحان، خزامى",
)
THUYA = (
    "Thuya burl, lemonwood, ebony",
    "Loupe de thuya, citronnier, ébène",
    "جذور العرعار، خشب الليمون، أبنوس",
)
THUYA_PEARL = (
    "Thuya burl, mother-of-pearl",
    "Loupe de thuya, nacre",
    "جذور العرعار، صدف",
)
OLIVE_WOOD = ("Olive wood", "Bois d'olivier", "خشب الزيتون")
BRASS = ("Hammered brass", "Laiton martelé", "نحاس أصفر مطروق")
IRON_GLASS = ("Iron, coloured glass", "Fer, verre coloré", "حديد، زجاج ملوّن")
COPPER = ("Copper", "Cuivre", "نحاس أحمر")
COPPER_CEDAR = ("Copper, cedar wood", "Cuivre, bois de cèdre", "نحاس أحمر، خشب الأرز")
SILVER_PLATED = ("Silver-plated brass", "Laiton argenté", "نحاس مفضّض")
IRON = ("Blackened iron", "Fer noirci", "حديد مسوّد")

TILELLI, BENNANI, MOUASSINE = (
    "association-tilelli-azilal",
    "poterie-bennani",
    "atelier-cuir-mouassine",
)
OUBELLA, COLLINE, NSSIJ = (
    "atelier-oubella-tiznit",
    "ceramiques-de-la-colline",
    "cooperative-nssij-chaouen",
)
TIFAOUT, MOGADOR, FANOUS = (
    "cooperative-tifaout",
    "atelier-mogador-thuya",
    "fanous-marrakech",
)

PRODUCTS: tuple[ProductSpec, ...] = (
    # Rugs: Association Tilelli, Azilal.
    ProductSpec(
        TILELLI,
        "beni-ourain-rugs",
        (
            "Cream Beni Ourain rug with black diamonds",
            "Tapis Beni Ouarain crème à losanges noirs",
            "زربية بني ورين كريمية بمعيّنات سوداء",
        ),
        (
            "A deep-pile rug knotted from undyed sheep's wool, with the hand-drawn lattice of "
            "black diamonds typical of the Beni Ourain. Soft underfoot and warm in winter, it "
            "brightens any floor.",
            "Un tapis à poils épais noué en laine de mouton non teinte, avec le treillis de "
            "losanges noirs tracé à main levée, typique des Beni Ouarain. Doux sous le pied et "
            "chaud en hiver, il illumine n'importe quel sol.",
            "زربية ذات وبر كثيف معقودة من صوف الغنم غير المصبوغ، تزيّنها شبكة المعيّنات "
            "السوداء المرسومة باليد التي تميّز زرابي بني ورين. ناعمة تحت القدم ودافئة في "
            "الشتاء، وتضفي إشراقا على أي أرضية.",
        ),
        WOOL,
        "3200",
        sizes(("120×180 cm", None), ("160×230 cm", "4900"), ("200×300 cm", "7800")),
        compare="3600",
        featured=True,
        rating=("4.80", 23),
    ),
    ProductSpec(
        TILELLI,
        "beni-ourain-rugs",
        (
            "Plain ivory Beni Ourain rug",
            "Tapis Beni Ouarain ivoire uni",
            "زربية بني ورين عاجية سادة",
        ),
        (
            "No pattern, only the natural shades of the fleece: a quiet rug for bedrooms and "
            "reading corners. The long pile is knotted row by row and trimmed by hand.",
            "Aucun motif, seulement les nuances naturelles de la toison : un tapis paisible "
            "pour les chambres et les coins lecture. Les longs poils sont noués rang par rang "
            "et taillés à la main.",
            "بلا زخارف، فقط درجات الصوف الطبيعية: زربية هادئة لغرف النوم وأركان القراءة. "
            "يُعقد الوبر الطويل صفا بعد صف ويُشذَّب باليد.",
        ),
        WOOL,
        "2900",
        sizes(("120×180 cm", None), ("160×230 cm", "4400")),
    ),
    ProductSpec(
        TILELLI,
        "beni-ourain-rugs",
        (
            "Beni Ourain runner with zigzag lines",
            "Tapis de couloir Beni Ouarain à zigzags",
            "زربية ممر بني ورين بخطوط متعرّجة",
        ),
        (
            "A long, narrow rug for hallways and the side of a bed, with brown zigzags that "
            "recall the paths of the Middle Atlas. Woven to order: tell us the length you need "
            "in the personalisation note.",
            "Un tapis long et étroit pour les couloirs et le bord du lit, aux zigzags bruns "
            "qui rappellent les sentiers du Moyen Atlas. Tissé sur commande : indiquez la "
            "longueur souhaitée dans la note de personnalisation.",
            "زربية طويلة وضيّقة للممرات وجانب السرير، بخطوط بنية متعرّجة تذكّر بمسالك الأطلس "
            "المتوسط. تُنسج حسب الطلب: اذكر الطول الذي تحتاجه في ملاحظة التخصيص.",
        ),
        WOOL,
        "2300",
        sizes(("70×250 cm", None), ("80×300 cm", "2800")),
        days=21,
        personal=True,
    ),
    ProductSpec(
        TILELLI,
        "beni-ourain-rugs",
        (
            "Small Beni Ourain bedside rug",
            "Petit tapis de chevet Beni Ouarain",
            "زربية بني ورين صغيرة لجانب السرير",
        ),
        (
            "A small square of thick wool to step onto on cold mornings. Hand-knotted, with a "
            "single dark cross at its centre.",
            "Un petit carré de laine épaisse où poser les pieds les matins froids. Noué main, "
            "avec une seule croix sombre en son centre.",
            "مربّع صغير من الصوف الكثيف تضع عليه قدميك في الصباحات الباردة. معقود باليد "
            "وتتوسّطه علامة متقاطعة داكنة واحدة.",
        ),
        WOOL,
        "850",
        sizes(("60×90 cm", None)),
        sold_out=True,
    ),
    ProductSpec(
        TILELLI,
        "kilims",
        (
            "Red hanbel kilim with woven stripes",
            "Kilim hanbel rouge à rayures tissées",
            "حنبل أحمر بخطوط منسوجة",
        ),
        (
            "A flat-woven hanbel in bands of madder red, saffron and indigo, light enough to "
            "hang on a wall or throw over a sofa. Both faces can be used.",
            "Un hanbel tissé à plat en bandes rouge garance, safran et indigo, assez léger "
            "pour être accroché au mur ou jeté sur un canapé. Les deux faces peuvent servir.",
            "حنبل منسوج نسجا مسطحا بأشرطة بالأحمر الفوّي والزعفراني والنيلي، خفيف بما يكفي "
            "ليُعلَّق على الحائط أو يُلقى على الأريكة. يمكن استعمال وجهيه معا.",
        ),
        WOOL_DYED,
        "1400",
        sizes(("120×180 cm", None), ("160×230 cm", "2100"), colours=("red", "blue")),
        compare="1700",
        rating=("4.50", 9),
    ),
    ProductSpec(
        TILELLI,
        "kilims",
        (
            "Black and white Zanafi kilim",
            "Kilim zanafi noir et blanc",
            "حنبل زنافي بالأسود والأبيض",
        ),
        (
            "Bold black and white bands alternate with fine embroidered motifs in this Middle "
            "Atlas flat weave. Graphic and hard-wearing, it suits a living room as well as an "
            "entrance.",
            "De larges bandes noires et blanches alternent avec de fins motifs brodés dans ce "
            "tissage plat du Moyen Atlas. Graphique et résistant, il convient à un salon comme "
            "à une entrée.",
            "تتناوب أشرطة عريضة بالأسود والأبيض مع زخارف مطرّزة دقيقة في هذا النسيج المسطح "
            "من الأطلس المتوسط. لافت للنظر ومتين، يلائم الصالون كما يلائم المدخل.",
        ),
        WOOL,
        "1900",
        sizes(("140×200 cm", None), ("170×240 cm", "2600")),
        rating=("4.60", 8),
    ),
    ProductSpec(
        TILELLI,
        "kilims",
        (
            "Kilim cushion cover",
            "Housse de coussin en kilim",
            "غلاف وسادة من الحنبل",
        ),
        (
            "Cut from the offcuts of our larger kilims, so no two are alike. Backed with "
            "natural cotton and closed with a hidden zip; the cushion itself is not included.",
            "Taillée dans les chutes de nos grands kilims, si bien qu'aucune n'est identique. "
            "Dos en coton naturel et fermeture éclair invisible ; coussin non fourni.",
            "مصنوع من بقايا حنابلنا الكبيرة، لذلك لا يشبه غلاف غلافا آخر. ظهره من القطن "
            "الطبيعي ويُغلق بسحّاب مخفي، والوسادة نفسها غير مرفقة.",
        ),
        KILIM_CUSHION,
        "220",
        sizes(("40×40 cm", None), ("50×50 cm", "290"), colours=("multi", "red")),
    ),
    ProductSpec(
        TILELLI,
        "azilal-rugs",
        (
            "Azilal rug with colourful symbols",
            "Tapis d'Azilal aux symboles colorés",
            "زربية أزيلال برموز ملوّنة",
        ),
        (
            "On a cream wool ground, the weaver has knotted her own alphabet of signs in pink, "
            "orange and blue: eyes for protection, combs, and the fish of fertility. Every "
            "Azilal tells the story of the woman who made it.",
            "Sur un fond de laine crème, la tisserande a noué son propre alphabet de signes en "
            "rose, orange et bleu : des yeux protecteurs, des peignes et le poisson de la "
            "fertilité. Chaque Azilal raconte l'histoire de celle qui l'a tissé.",
            "على أرضية من الصوف الكريمي، عقدت النسّاجة أبجديتها الخاصة من الرموز بالوردي "
            "والبرتقالي والأزرق: عيون للحماية وأمشاط وسمكة الخصوبة. كل زربية أزيلالية تحكي "
            "قصة المرأة التي صنعتها.",
        ),
        WOOL_DYED,
        "3600",
        sizes(("150×240 cm", None)),
        compare="4200",
        featured=True,
        rating=("4.90", 17),
    ),
    ProductSpec(
        TILELLI,
        "azilal-rugs",
        (
            "Small Azilal rug in pink and orange",
            "Petit tapis d'Azilal rose et orange",
            "زربية أزيلال صغيرة بالوردي والبرتقالي",
        ),
        (
            "A cheerful rug for a child's room or under a desk chair, with a loose grid of "
            "pink and orange lines. Soft medium pile, easy to shake out.",
            "Un tapis gai pour une chambre d'enfant ou sous une chaise de bureau, à la grille "
            "lâche de lignes roses et orange. Poils mi-longs et doux, facile à secouer.",
            "زربية مبهجة لغرفة الأطفال أو تحت كرسي المكتب، بشبكة فضفاضة من الخطوط الوردية "
            "والبرتقالية. وبرها متوسط وناعم ويسهل نفضها.",
        ),
        WOOL_DYED,
        "1500",
        sizes(("100×150 cm", None), colours=("pink", "orange")),
    ),
    ProductSpec(
        TILELLI,
        "azilal-rugs",
        (
            "Made-to-measure Azilal rug",
            "Tapis d'Azilal sur mesure",
            "زربية أزيلال حسب المقاس",
        ),
        (
            "Tell us your dimensions and favourite colours, and one of our weavers will knot "
            "a rug for you in about three weeks. We send photos of the loom as the work "
            "progresses.",
            "Indiquez-nous vos dimensions et vos couleurs préférées : une de nos tisserandes "
            "nouera votre tapis en trois semaines environ. Nous vous envoyons des photos du "
            "métier au fil du travail.",
            "أخبرنا بالمقاسات والألوان التي تفضّلها، وستعقد إحدى نسّاجاتنا زربيتك في نحو "
            "ثلاثة أسابيع. نرسل إليك صورا للمنسج مع تقدّم العمل.",
        ),
        WOOL_DYED,
        "3400",
        sizes(("2 m²", None), ("4 m²", "6600"), ("6 m²", "9500")),
        days=21,
        personal=True,
    ),
    # Pottery: Poterie Bennani, Fez.
    ProductSpec(
        BENNANI,
        "tagines",
        (
            "Fassi blue serving tagine",
            "Tajine de service bleu de Fès",
            "طاجين تقديم بالأزرق الفاسي",
        ),
        (
            "A glazed serving tagine painted with the cobalt-blue rosettes of Fez. Made for "
            "bringing food to the table, not for the flame.",
            "Un tajine de service émaillé, peint des rosaces bleu de cobalt de Fès. Conçu pour "
            "présenter les plats à table, pas pour aller sur le feu.",
            "طاجين تقديم مزجّج مزيّن بالورود الزرقاء الكوبالتية الفاسية. صُنع لتقديم الطعام "
            "على المائدة وليس للطهي على النار.",
        ),
        EARTHENWARE,
        "380",
        sizes(("26 cm", None), ("32 cm", "520")),
        rating=("4.70", 31),
    ),
    ProductSpec(
        BENNANI,
        "plates-bowls",
        (
            "Fassi blue and white dinner plate",
            "Assiette plate bleu et blanc de Fès",
            "صحن عشاء فاسي بالأزرق والأبيض",
        ),
        (
            "A generous 27 cm plate with a star at its heart and a border of fine interlacing. "
            "Lead-free, food-safe glaze; hand washing recommended.",
            "Une grande assiette de 27 cm avec une étoile en son cœur et une bordure de fins "
            "entrelacs. Émail sans plomb, adapté aux aliments ; lavage à la main conseillé.",
            "صحن كبير بقطر 27 سم تتوسّطه نجمة وتحيط به حاشية من التشابكات الدقيقة. طلاء خالٍ "
            "من الرصاص وآمن للطعام، ويُنصح بغسله باليد.",
        ),
        EARTHENWARE,
        "160",
        one(),
    ),
    ProductSpec(
        BENNANI,
        "plates-bowls",
        (
            "Fassi harira bowl",
            "Bol à harira de Fès",
            "زلافة الحريرة الفاسية",
        ),
        (
            "The deep bowl every Moroccan family fills with harira at sunset during Ramadan, "
            "painted in blue and green. Holds about 40 cl.",
            "Le bol profond que chaque famille marocaine remplit de harira au coucher du "
            "soleil pendant le ramadan, peint en bleu et vert. Contenance d'environ 40 cl.",
            "الزلافة العميقة التي تملؤها كل أسرة مغربية بالحريرة عند المغرب في رمضان، "
            "مزيّنة بالأزرق والأخضر. تتّسع لنحو 40 سنتيلترا.",
        ),
        EARTHENWARE,
        "75",
        colours("blue", "green"),
        rating=("4.50", 12),
    ),
    ProductSpec(
        BENNANI,
        "plates-bowls",
        (
            "Large Fassi fruit bowl",
            "Grande coupe à fruits de Fès",
            "قصعة فواكه فاسية كبيرة",
        ),
        (
            "A wide footed bowl for fruit or salads, covered inside and out with a dense blue "
            "floral pattern. A centrepiece that takes our painter a full day.",
            "Une large coupe sur pied pour les fruits ou les salades, couverte dedans et dehors "
            "d'un motif floral bleu serré. Une pièce maîtresse qui demande une journée entière "
            "à notre peintre.",
            "قصعة واسعة بقاعدة للفواكه أو السلطات، مغطّاة من الداخل والخارج بزخرفة نباتية "
            "زرقاء كثيفة. قطعة مركزية تستغرق من رسّامنا يوما كاملا.",
        ),
        EARTHENWARE,
        "450",
        one(),
        compare="520",
        days=7,
    ),
    ProductSpec(
        BENNANI,
        "vases-decor",
        (
            "Zellige mosaic trivet",
            "Dessous-de-plat en zellige",
            "حامل أوانٍ من الزليج",
        ),
        (
            "Small glazed tiles cut by hand and set one by one in a star pattern, framed in "
            "wrought iron. It protects the table from a hot tagine.",
            "De petits carreaux émaillés taillés à la main et posés un à un en étoile, dans un "
            "cadre en fer forgé. Il protège la table d'un tajine brûlant.",
            "قطع صغيرة من الزليج المزجّج مقطوعة باليد ومرصوفة واحدة تلو الأخرى على شكل "
            "نجمة، داخل إطار من الحديد المطروق. يحمي المائدة من حرارة الطاجين.",
        ),
        ZELLIGE,
        "240",
        colours("green", "blue", "multi"),
    ),
    ProductSpec(
        BENNANI,
        "vases-decor",
        (
            "Fassi blue lidded jar",
            "Pot couvert bleu de Fès",
            "برنية فاسية زرقاء بغطاء",
        ),
        (
            "A lidded jar in the old Fassi style, for spices, sugar or simply for the shelf. "
            "The lid ends in a small pointed knob, like the finial of a minaret.",
            "Un pot couvert dans le style fassi ancien, pour les épices, le sucre ou "
            "simplement pour l'étagère. Le couvercle se termine par un petit bouton pointu, "
            "comme le jamour d'un minaret.",
            "برنية بغطاء على الطراز الفاسي القديم للتوابل أو السكر أو للزينة فقط. ينتهي "
            "الغطاء بمقبض صغير مدبّب يشبه جامور الصومعة.",
        ),
        EARTHENWARE,
        "190",
        sizes(("15 cm", None), ("25 cm", "340")),
    ),
    # Pottery: Céramiques de la Colline, Safi.
    ProductSpec(
        COLLINE,
        "tagines",
        (
            "Clay cooking tagine",
            "Tajine de cuisson en terre",
            "طاجين الطهي من الطين",
        ),
        (
            "Unglazed terracotta for slow cooking on gas or charcoal, the way tagines have "
            "always been made. Soak it in water and season it with oil before the first use.",
            "En terre cuite non émaillée, pour une cuisson lente sur le gaz ou le charbon, "
            "comme on a toujours cuisiné les tajines. Faites-le tremper dans l'eau et "
            "culottez-le à l'huile avant la première utilisation.",
            "من الطين غير المزجّج للطهي على نار هادئة فوق الغاز أو الفحم، كما تُطهى الطواجين "
            "منذ القدم. انقعه في الماء وادهنه بالزيت قبل أول استعمال.",
        ),
        TERRACOTTA,
        "140",
        sizes(("24 cm", None), ("30 cm", "190"), ("35 cm", "240")),
        featured=True,
        rating=("4.60", 44),
    ),
    ProductSpec(
        COLLINE,
        "plates-bowls",
        (
            "Safi lustre plate with a sardine",
            "Assiette lustrée de Safi à la sardine",
            "صحن آسفي ببريق معدني ورسم سردينة",
        ),
        (
            "Safi is a fishing port, and its potters have painted sardines on their plates for "
            "a century. This one has a copper-coloured lustre glaze that changes with the "
            "light.",
            "Safi est un port de pêche, et ses potiers peignent des sardines sur leurs "
            "assiettes depuis un siècle. Celle-ci porte un émail lustré couleur cuivre qui "
            "change avec la lumière.",
            "آسفي ميناء للصيد، ويرسم خزّافوها السردين على صحونهم منذ قرن. يحمل هذا الصحن طلاء "
            "ببريق نحاسي يتغيّر مع الضوء.",
        ),
        EARTHENWARE,
        "210",
        one(),
        compare="260",
    ),
    ProductSpec(
        COLLINE,
        "plates-bowls",
        (
            "Set of four green Safi bowls",
            "Lot de quatre bols verts de Safi",
            "طقم من أربع زلايف خضراء من آسفي",
        ),
        (
            "Four small bowls in the deep bottle green of Safi, for olives, dips or the "
            "morning coffee. The glaze pools a little differently in each one.",
            "Quatre petits bols d'un vert bouteille profond, typique de Safi, pour les "
            "olives, les sauces ou le café du matin. L'émail se dépose un peu différemment "
            "dans chacun.",
            "أربع زلايف صغيرة باللون الأخضر القاتم المميّز لآسفي، للزيتون أو الصلصات أو قهوة "
            "الصباح. يتجمّع الطلاء في كل واحدة بطريقة مختلفة قليلا.",
        ),
        EARTHENWARE,
        "260",
        colours("green", "blue"),
        rating=("4.30", 6),
    ),
    ProductSpec(
        COLLINE,
        "vases-decor",
        (
            "Safi vase with a honey glaze",
            "Vase de Safi à l'émail miel",
            "مزهرية من آسفي بطلاء عسلي",
        ),
        (
            "A tall, slender vase thrown on the kick wheel and dipped in a warm honey-coloured "
            "glaze that runs towards the foot. Watertight, for fresh flowers.",
            "Un vase haut et élancé, tourné au tour à pied et trempé dans un émail chaud "
            "couleur miel qui coule vers le pied. Étanche, pour les fleurs fraîches.",
            "مزهرية طويلة ورشيقة مشكّلة على الدولاب ومغموسة في طلاء دافئ بلون العسل ينساب "
            "نحو قاعدتها. لا تسرّب الماء وتصلح للزهور الطرية.",
        ),
        EARTHENWARE,
        "320",
        sizes(("30 cm", None), ("45 cm", "520")),
    ),
    ProductSpec(
        COLLINE,
        "plates-bowls",
        (
            "Glazed couscous dish (gsaa)",
            "Plat à couscous émaillé (gsaa)",
            "قصعة الكسكس المزجّجة",
        ),
        (
            "The wide, shallow dish in which couscous is rolled and served on Fridays, big "
            "enough for a family of six. Glazed white with a blue rim.",
            "Le grand plat évasé où l'on roule et sert le couscous du vendredi, assez grand "
            "pour une famille de six. Émaillé blanc au bord bleu.",
            "القصعة الواسعة التي يُفتل فيها الكسكس ويُقدَّم يوم الجمعة، تكفي أسرة من ستة "
            "أفراد. مزجّجة بالأبيض بحافة زرقاء.",
        ),
        EARTHENWARE,
        "390",
        one(),
        days=5,
    ),
    ProductSpec(
        COLLINE,
        "plates-bowls",
        (
            "Hand-painted Safi serving platter",
            "Plat de service de Safi peint à la main",
            "طبق تقديم من آسفي مرسوم باليد",
        ),
        (
            "An oval platter with a bold geometric border in blue, yellow and green, for "
            "grilled fish or a spread of salads. Ask us to paint a name or a date in the "
            "centre.",
            "Un plat ovale à la bordure géométrique bleue, jaune et verte, pour le poisson "
            "grillé ou un assortiment de salades. Demandez-nous de peindre un prénom ou une "
            "date au centre.",
            "طبق بيضوي بحاشية هندسية جريئة بالأزرق والأصفر والأخضر، للسمك المشوي أو تشكيلة "
            "من السلطات. اطلب منا أن نرسم اسما أو تاريخا في وسطه.",
        ),
        EARTHENWARE,
        "280",
        one(),
        days=10,
        personal=True,
    ),
    # Leather: Atelier Cuir Mouassine, Marrakech.
    ProductSpec(
        MOUASSINE,
        "leather-bags",
        (
            "Leather shoulder bag with a brass clasp",
            "Sac besace en cuir à fermoir en laiton",
            "حقيبة كتف جلدية بمشبك نحاسي",
        ),
        (
            "A roomy everyday bag in thick vegetable-tanned leather that darkens and softens "
            "with use. Adjustable strap, inside pocket and a hand-cast brass clasp.",
            "Un sac spacieux de tous les jours en cuir épais au tannage végétal, qui fonce et "
            "s'assouplit à l'usage. Bandoulière réglable, poche intérieure et fermoir en "
            "laiton coulé à la main.",
            "حقيبة واسعة للاستعمال اليومي من جلد سميك مدبوغ دباغة نباتية، يغمق لونه ويلين مع "
            "الاستعمال. حزام قابل للتعديل وجيب داخلي ومشبك من النحاس الأصفر مصبوب باليد.",
        ),
        COWHIDE,
        "890",
        colours("brown", "black", "natural"),
        compare="1050",
        featured=True,
        rating=("4.70", 19),
    ),
    ProductSpec(
        MOUASSINE,
        "leather-bags",
        (
            "Large leather market tote",
            "Grand cabas en cuir pour le marché",
            "قفة جلدية كبيرة للسوق",
        ),
        (
            "Cut from a single hide and stitched with waxed linen thread, this open tote "
            "carries a week's vegetables or a laptop. The handles are doubled where they take "
            "the weight.",
            "Taillé dans une seule peau et cousu au fil de lin ciré, ce cabas ouvert emporte "
            "les légumes de la semaine ou un ordinateur portable. Les anses sont doublées là "
            "où elles portent le poids.",
            "مقصوصة من جلد واحد ومخيطة بخيط كتّان مشمّع، تحمل هذه القفة المفتوحة خضر الأسبوع "
            "أو حاسوبا محمولا. المقابض مضاعفة حيث تحمل الوزن.",
        ),
        COWHIDE,
        "750",
        colours("natural", "brown"),
    ),
    ProductSpec(
        MOUASSINE,
        "leather-bags",
        (
            "Embossed leather clutch",
            "Pochette en cuir repoussé",
            "محفظة يد جلدية منقوشة",
        ),
        (
            "A slim clutch with an Andalusian star pattern pressed into the leather with "
            "hand-carved brass dies. It holds a phone, keys and cards; we can emboss your "
            "initials inside.",
            "Une pochette fine ornée d'une étoile andalouse imprimée dans le cuir avec des "
            "fers en laiton gravés à la main. Elle accueille un téléphone, des clés et des "
            "cartes ; nous pouvons y frapper vos initiales.",
            "محفظة رفيعة بزخرفة نجمة أندلسية مطبوعة في الجلد بقوالب نحاسية منقوشة باليد. "
            "تتّسع لهاتف ومفاتيح وبطاقات، ويمكننا طبع الحروف الأولى من اسمك داخلها.",
        ),
        GOATSKIN,
        "320",
        colours("red", "black", "brown"),
        days=3,
        personal=True,
    ),
    ProductSpec(
        MOUASSINE,
        "leather-bags",
        (
            "Leather drawstring backpack",
            "Sac à dos en cuir à cordon",
            "حقيبة ظهر جلدية برباط",
        ),
        (
            "A traveller's backpack in supple goatskin, closed with a drawstring and a flap. "
            "Padded straps make it comfortable on long walks through the medina.",
            "Un sac à dos de voyage en chèvre souple, fermé par un cordon et un rabat. Ses "
            "bretelles rembourrées le rendent confortable pendant les longues marches dans la "
            "médina.",
            "حقيبة ظهر للسفر من جلد الماعز الناعم، تُغلق برباط وغطاء. أحزمتها المبطّنة تجعلها "
            "مريحة في الجولات الطويلة داخل المدينة العتيقة.",
        ),
        GOATSKIN,
        "980",
        colours("brown", "natural"),
        days=7,
    ),
    ProductSpec(
        MOUASSINE,
        "leather-bags",
        (
            "Leather card holder",
            "Porte-cartes en cuir",
            "حافظة بطاقات جلدية",
        ),
        (
            "A small card holder with three pockets, its edges burnished by hand with "
            "beeswax. Your initials can be stamped in gold on the front.",
            "Un petit porte-cartes à trois poches, aux tranches lissées à la main à la cire "
            "d'abeille. Vos initiales peuvent être frappées à l'or sur le devant.",
            "حافظة بطاقات صغيرة بثلاثة جيوب، حوافها مصقولة باليد بشمع النحل. يمكن طبع الحروف "
            "الأولى من اسمك بالذهبي على واجهتها.",
        ),
        GOATSKIN,
        "140",
        colours("brown", "black", "red", "blue"),
        personal=True,
        rating=("4.40", 9),
    ),
    ProductSpec(
        MOUASSINE,
        "babouches",
        (
            "Classic yellow babouches",
            "Babouches jaunes classiques",
            "بلغة صفراء تقليدية",
        ),
        (
            "The saffron-yellow slippers Moroccan men have worn to the mosque for centuries, "
            "with a pointed toe and a heel you can fold down. Soft leather sole, for indoors.",
            "Les babouches jaune safran que les Marocains portent pour aller à la mosquée "
            "depuis des siècles, au bout pointu et au talon que l'on peut rabattre. Semelle en "
            "cuir souple, pour l'intérieur.",
            "البلغة الصفراء بلون الزعفران التي ينتعلها الرجال المغاربة للذهاب إلى المسجد منذ "
            "قرون، بمقدمة مدبّبة وكعب يمكن ثنيه. نعل جلدي ناعم للاستعمال داخل البيت.",
        ),
        GOATSKIN,
        "220",
        shoes("yellow"),
        rating=("4.50", 27),
    ),
    ProductSpec(
        MOUASSINE,
        "babouches",
        (
            "Women's embroidered babouches",
            "Babouches brodées pour femme",
            "شربيل نسائي مطرّز",
        ),
        (
            "Leather slippers as soft as velvet, embroidered with silk thread in a floral "
            "pattern: a traditional wedding gift. Each pair takes a day of embroidery.",
            "Des babouches en cuir doux comme du velours, brodées de fil de soie d'un motif "
            "floral : un cadeau de mariage traditionnel. Chaque paire demande une journée de "
            "broderie.",
            "شربيل من جلد ناعم كالمخمل مطرّز بخيوط الحرير بزخرفة نباتية، وهو هدية تقليدية في "
            "الأعراس. يستغرق تطريز كل زوج يوما كاملا.",
        ),
        GOATSKIN_SILK,
        "260",
        shoes("pink", "red", "gold", first=36, last=41),
        compare="300",
    ),
    ProductSpec(
        MOUASSINE,
        "babouches",
        (
            "Round-toe leather babouches",
            "Babouches en cuir à bout rond",
            "بلغة جلدية بمقدمة مستديرة",
        ),
        (
            "A modern cut of the babouche, with a rounded toe and a sturdy stitched sole you "
            "can wear out on the terrace. Lined with goatskin.",
            "Une coupe moderne de la babouche, au bout arrondi et à la semelle cousue robuste "
            "que l'on peut porter sur la terrasse. Doublure en chèvre.",
            "تصميم عصري للبلغة بمقدمة مستديرة ونعل مخيط متين يمكن انتعاله في السطح. مبطّنة "
            "بجلد الماعز.",
        ),
        GOATSKIN,
        "240",
        shoes("natural", "black", "grey"),
    ),
    ProductSpec(
        MOUASSINE,
        "babouches",
        (
            "Children's babouches",
            "Babouches pour enfant",
            "بلغة للأطفال",
        ),
        (
            "Little slippers in brightly coloured leather, with a soft sole that bends with "
            "every step. Sizes for children from two to eight years old.",
            "De petites babouches en cuir coloré, à la semelle souple qui suit chaque pas. "
            "Tailles pour les enfants de deux à huit ans.",
            "بلغة صغيرة من جلد ملوّن، بنعل ناعم ينثني مع كل خطوة. مقاسات للأطفال من سنتين إلى "
            "ثماني سنوات.",
        ),
        GOATSKIN,
        "120",
        tuple(
            (str(size), colour, None)
            for colour in ("red", "blue", "pink")
            for size in (24, 26, 28, 30, 32)
        ),
    ),
    ProductSpec(
        MOUASSINE,
        "babouches",
        (
            "Berber babouches with kilim uppers",
            "Babouches berbères au dessus en kilim",
            "بلغة أمازيغية بواجهة من الحنبل",
        ),
        (
            "Leather slippers topped with pieces of old woven kilim, so each pair has its own "
            "colours. Warm and hard-wearing.",
            "Des babouches en cuir dont le dessus est taillé dans de vieux kilims tissés, si "
            "bien que chaque paire a ses propres couleurs. Chaudes et résistantes.",
            "بلغة جلدية تُصنع واجهتها من قطع حنابل قديمة منسوجة، فيكون لكل زوج ألوانه الخاصة. "
            "دافئة ومتينة.",
        ),
        GOATSKIN_KILIM,
        "280",
        shoes("multi"),
        sold_out=True,
    ),
    ProductSpec(
        MOUASSINE,
        "poufs",
        (
            "Embroidered leather pouf",
            "Pouf en cuir brodé",
            "بوف جلدي مطرّز",
        ),
        (
            "A round goatskin pouf stitched with a spiral of contrasting thread by the women "
            "of the Marrakech medina. Sent unstuffed: fill it with old clothes or foam.",
            "Un pouf rond en peau de chèvre, brodé d'une spirale de fil contrasté par les "
            "femmes de la médina de Marrakech. Livré vide : garnissez-le de vieux vêtements "
            "ou de mousse.",
            "بوف مستدير من جلد الماعز تطرّزه نساء المدينة العتيقة بمراكش بحلزون من الخيوط "
            "المتباينة. يُرسل دون حشو: املأه بملابس قديمة أو بالإسفنج.",
        ),
        GOATSKIN,
        "650",
        colours("natural", "brown", "black", "red"),
        compare="790",
        featured=True,
        rating=("4.80", 35),
    ),
    ProductSpec(
        MOUASSINE,
        "poufs",
        (
            "Square leather pouf with stitched stars",
            "Pouf carré en cuir aux étoiles surpiquées",
            "بوف جلدي مربّع بنجوم مخيطة",
        ),
        (
            "A square footstool in tan leather with eight-pointed stars stitched on every "
            "side. Sturdy enough to sit on once filled.",
            "Un repose-pieds carré en cuir fauve, orné d'étoiles à huit branches surpiquées "
            "sur chaque face. Assez solide pour s'y asseoir une fois rembourré.",
            "مسند قدمين مربّع من جلد بنّي فاتح، تزيّن كل جوانبه نجوم ثمانية مخيطة. متين بما "
            "يكفي للجلوس عليه بعد حشوه.",
        ),
        GOATSKIN,
        "720",
        colours("brown", "natural"),
        days=7,
    ),
    # Jewellery: Atelier Oubella, Tiznit.
    ProductSpec(
        OUBELLA,
        "necklaces",
        (
            "Silver khamsa pendant",
            "Pendentif khamsa en argent",
            "دلاية خميسة من الفضة",
        ),
        (
            "The Hand of Fatima, an old sign of protection, cut from sterling silver and "
            "engraved with fine lines. It comes on a 45 cm silver chain.",
            "La main de Fatma, ancien signe de protection, découpée dans l'argent massif et "
            "gravée de fines lignes. Livrée sur une chaîne en argent de 45 cm.",
            "الخميسة، رمز قديم للحماية، مقطوعة من الفضة الخالصة ومنقوشة بخطوط دقيقة. تُقدَّم "
            "مع سلسلة فضية بطول 45 سم.",
        ),
        SILVER,
        "380",
        one(),
        featured=True,
        rating=("4.90", 41),
    ),
    ProductSpec(
        OUBELLA,
        "necklaces",
        (
            "Amazigh necklace with coral beads and silver coins",
            "Collier amazigh en perles de corail et pièces d'argent",
            "قلادة أمازيغية بخرز المرجان وقطع نقدية فضية",
        ),
        (
            "Inspired by the festive necklaces of the Anti-Atlas, with red coral beads, "
            "silver coins and a central enamelled pendant. A statement piece for weddings and "
            "celebrations.",
            "Inspiré des colliers de fête de l'Anti-Atlas, avec des perles de corail rouge, des "
            "pièces d'argent et un pendentif central émaillé. Une pièce forte pour les "
            "mariages et les fêtes.",
            "مستوحاة من قلائد الأعراس في الأطلس الصغير، بخرز المرجان الأحمر وقطع نقدية فضية "
            "ودلاية مركزية مزيّنة بالمينا. قطعة لافتة للأعراس والمناسبات.",
        ),
        SILVER_CORAL,
        "1450",
        one(),
        compare="1700",
        days=10,
    ),
    ProductSpec(
        OUBELLA,
        "necklaces",
        (
            "Tizerzai silver fibulae with chain",
            "Fibules tizerzai en argent avec chaîne",
            "خلالات تيزرزاي فضية بسلسلة",
        ),
        (
            "Two triangular fibulae joined by a chain, as Amazigh women wear them to fasten "
            "their draped dresses. Engraved and set with green enamel; beautiful on a wall "
            "too.",
            "Deux fibules triangulaires reliées par une chaîne, telles que les femmes "
            "amazighes les portent pour fermer leurs robes drapées. Gravées et serties d'émail "
            "vert ; belles aussi accrochées au mur.",
            "خلالتان مثلّثتان تربطهما سلسلة، كما تضعها النساء الأمازيغيات لتثبيت لباسهن "
            "الملفوف. منقوشتان ومزيّنتان بالمينا الخضراء، وجميلتان أيضا معلّقتين على الحائط.",
        ),
        SILVER_ENAMEL,
        "2200",
        one(),
        days=14,
    ),
    ProductSpec(
        OUBELLA,
        "necklaces",
        (
            "Engraved silver name pendant",
            "Pendentif prénom en argent gravé",
            "دلاية فضية منقوش عليها الاسم",
        ),
        (
            "A small silver disc engraved by hand with a name in Latin letters, Arabic script "
            "or Tifinagh, the Amazigh alphabet. Write the name in the personalisation note.",
            "Un petit disque d'argent gravé à la main d'un prénom en lettres latines, en "
            "arabe ou en tifinagh, l'alphabet amazigh. Indiquez le prénom dans la note de "
            "personnalisation.",
            "قرص فضي صغير يُنقش عليه الاسم باليد بالحروف اللاتينية أو العربية أو بتيفيناغ، "
            "الأبجدية الأمازيغية. اكتب الاسم في ملاحظة التخصيص.",
        ),
        SILVER,
        "290",
        one(),
        days=4,
        personal=True,
        rating=("4.80", 22),
    ),
    ProductSpec(
        OUBELLA,
        "bracelets",
        (
            "Engraved silver cuff",
            "Bracelet manchette en argent gravé",
            "دملج فضي منقوش",
        ),
        (
            "A wide, open cuff engraved with triangles and dots, the patterns of Tiznit's old "
            "bridal jewellery. It bends slightly to fit most wrists.",
            "Une large manchette ouverte gravée de triangles et de points, les motifs des "
            "anciens bijoux de mariée de Tiznit. Elle se plie légèrement pour s'ajuster à la "
            "plupart des poignets.",
            "دملج عريض مفتوح منقوش بمثلّثات ونقط، وهي زخارف حليّ العرائس القديمة في تيزنيت. "
            "ينثني قليلا ليلائم معظم المعاصم.",
        ),
        SILVER,
        "690",
        one(),
        compare="790",
        rating=("4.60", 14),
    ),
    ProductSpec(
        OUBELLA,
        "bracelets",
        (
            "Twisted silver bangle",
            "Jonc torsadé en argent",
            "سوار فضي مفتول",
        ),
        (
            "A simple bangle of twisted silver wire, light enough to wear every day and to "
            "stack with others. Three wrist sizes.",
            "Un jonc simple en fil d'argent torsadé, assez léger pour être porté tous les "
            "jours et accumulé avec d'autres. Trois tours de poignet.",
            "سوار بسيط من سلك فضي مفتول، خفيف بما يكفي لارتدائه كل يوم وجمعه مع أساور أخرى. "
            "ثلاثة مقاسات للمعصم.",
        ),
        SILVER,
        "240",
        sizes(("S (16 cm)", None), ("M (18 cm)", None), ("L (20 cm)", "260")),
    ),
    ProductSpec(
        OUBELLA,
        "bracelets",
        (
            "Enamelled silver bracelet",
            "Bracelet en argent émaillé",
            "سوار فضي بالمينا",
        ),
        (
            "Square silver plaques linked together, each filled with green, yellow and blue "
            "enamel in the Tiznit manner. A bright, joyful piece.",
            "Des plaques d'argent carrées reliées entre elles, chacune remplie d'émail vert, "
            "jaune et bleu à la manière de Tiznit. Un bijou lumineux et joyeux.",
            "صفائح فضية مربّعة متّصلة ببعضها، كل واحدة منها مملوءة بالمينا الخضراء والصفراء "
            "والزرقاء على طريقة تيزنيت. قطعة مشرقة ومبهجة.",
        ),
        SILVER_ENAMEL,
        "850",
        one(),
        days=7,
        sold_out=True,
    ),
    ProductSpec(
        OUBELLA,
        "bracelets",
        (
            "Silver anklet with little bells",
            "Chaîne de cheville en argent à grelots",
            "خلخال فضي بأجراس صغيرة",
        ),
        (
            "A fine silver chain hung with tiny bells that chime softly as you walk. "
            "Adjustable clasp.",
            "Une fine chaîne d'argent ornée de minuscules grelots qui tintent doucement à "
            "chaque pas. Fermoir réglable.",
            "سلسلة فضية رفيعة تتدلّى منها أجراس صغيرة ترنّ بهدوء مع كل خطوة. مشبك قابل للتعديل.",
        ),
        SILVER,
        "320",
        one(),
    ),
    ProductSpec(
        OUBELLA,
        "earrings",
        (
            "Silver filigree hoop earrings",
            "Créoles en argent filigrané",
            "أقراط حلقية من الفضة المخرّمة",
        ),
        (
            "Light hoops of silver filigree, the threads twisted and soldered by hand into "
            "small rosettes. Sterling silver hooks.",
            "Des créoles légères en filigrane d'argent, dont les fils sont torsadés et soudés "
            "à la main en petites rosaces. Crochets en argent massif.",
            "أقراط حلقية خفيفة من الفضة المخرّمة، خيوطها مفتولة وملحومة باليد على شكل ورود "
            "صغيرة. خطافات من الفضة الخالصة.",
        ),
        SILVER,
        "340",
        one(),
        rating=("4.70", 11),
    ),
    ProductSpec(
        OUBELLA,
        "earrings",
        (
            "Enamelled drop earrings",
            "Boucles d'oreilles pendantes émaillées",
            "أقراط متدلّية بالمينا",
        ),
        (
            "Long silver drops set with green and yellow enamel, ending in small coral beads. "
            "They catch the light with every movement.",
            "De longues pendeloques en argent serties d'émail vert et jaune et terminées par "
            "de petites perles de corail. Elles accrochent la lumière à chaque mouvement.",
            "أقراط طويلة متدلّية من الفضة مرصّعة بالمينا الخضراء والصفراء وتنتهي بخرزات صغيرة "
            "من المرجان. تلتقط الضوء مع كل حركة.",
        ),
        SILVER_CORAL,
        "420",
        one(),
    ),
    ProductSpec(
        OUBELLA,
        "earrings",
        (
            "Small khamsa stud earrings",
            "Puces d'oreilles khamsa",
            "أقراط صغيرة على شكل خميسة",
        ),
        (
            "Two tiny Hands of Fatima in polished silver, discreet enough for every day. A "
            "gift that often brings its owner back for the matching pendant.",
            "Deux minuscules mains de Fatma en argent poli, assez discrètes pour tous les "
            "jours. Un cadeau qui ramène souvent sa destinataire chercher le pendentif "
            "assorti.",
            "خميستان صغيرتان من الفضة المصقولة، بسيطتان بما يكفي للاستعمال اليومي. هدية كثيرا "
            "ما تعيد صاحبتها لتطلب الدلاية المطابقة لها.",
        ),
        SILVER,
        "180",
        one(),
        compare="220",
    ),
    # Textiles: Coopérative Nssij Chaouen, Chefchaouen.
    ProductSpec(
        NSSIJ,
        "blankets-throws",
        (
            "Handira wedding blanket with sequins",
            "Handira, couverture de mariage à sequins",
            "حنديرة، غطاء العرس بالترتر",
        ),
        (
            "In the Middle Atlas a bride is wrapped in a handira on her wedding day. Ours is "
            "woven in cream wool and cotton and sewn with hundreds of small sequins; it makes "
            "a beautiful bedspread or wall hanging.",
            "Dans le Moyen Atlas, la mariée est enveloppée d'une handira le jour de ses noces. "
            "La nôtre est tissée en laine et coton crème et cousue de centaines de petits "
            "sequins ; elle fait un magnifique couvre-lit ou une tenture murale.",
            "في الأطلس المتوسط تُلفّ العروس بالحنديرة يوم زفافها. حنديرتنا منسوجة من الصوف "
            "والقطن بلون كريمي ومخيط عليها مئات من الترتر الصغير، وتصلح غطاء للسرير أو قطعة "
            "معلّقة على الحائط.",
        ),
        WOOL_COTTON_SEQUINS,
        "1200",
        sizes(("100×180 cm", None), ("150×200 cm", "1650")),
        rating=("4.90", 15),
    ),
    ProductSpec(
        NSSIJ,
        "blankets-throws",
        (
            "Striped Rif wool blanket",
            "Couverture rayée en laine du Rif",
            "غطاء صوفي مخطّط من الريف",
        ),
        (
            "A thick blanket woven from local wool in red and white stripes, the classic "
            "pattern of Rif farmhouses. Warm enough for mountain nights.",
            "Une épaisse couverture tissée en laine locale à rayures rouges et blanches, le "
            "motif classique des fermes du Rif. Assez chaude pour les nuits en montagne.",
            "غطاء سميك منسوج من الصوف المحلي بخطوط حمراء وبيضاء، وهو النقش التقليدي لبيوت "
            "الريف القروية. دافئ بما يكفي لليالي الجبل.",
        ),
        RIF_WOOL,
        "890",
        sizes(("150×200 cm", None), ("200×250 cm", "1250"), colours=("red", "blue")),
    ),
    ProductSpec(
        NSSIJ,
        "blankets-throws",
        (
            "Light cotton throw in Chefchaouen blue",
            "Plaid léger en coton bleu Chefchaouen",
            "غطاء قطني خفيف بأزرق شفشاون",
        ),
        (
            "A summer throw in soft cotton, dyed in the many blues of the town's walls. "
            "Lovely on a sofa or as a picnic blanket.",
            "Un plaid d'été en coton doux, teint dans les multiples bleus des murs de la "
            "ville. Parfait sur un canapé ou comme couverture de pique-nique.",
            "غطاء صيفي من القطن الناعم، مصبوغ بدرجات الأزرق المتعدّدة لجدران المدينة. جميل "
            "فوق الأريكة أو للنزهات.",
        ),
        COTTON,
        "450",
        colours("blue", "white", size="130×170 cm"),
        compare="520",
        rating=("4.40", 7),
    ),
    ProductSpec(
        NSSIJ,
        "blankets-throws",
        (
            "Undyed wool bedspread with pompoms",
            "Couvre-lit à pompons en laine écrue",
            "غطاء سرير من الصوف الطبيعي بكريات صوفية",
        ),
        (
            "A heavy bedspread woven in natural wool, edged with pompoms and tassels knotted "
            "one by one. Made to order on the loom in about two weeks.",
            "Un lourd couvre-lit tissé en laine naturelle, bordé de pompons et de glands "
            "noués un à un. Tissé sur commande en deux semaines environ.",
            "غطاء سرير ثقيل منسوج من الصوف الطبيعي، تحيط به كريات وشراشيب معقودة واحدة تلو "
            "الأخرى. يُنسج حسب الطلب في نحو أسبوعين.",
        ),
        RIF_WOOL,
        "1900",
        colours("natural", size="200×250 cm"),
        days=14,
    ),
    ProductSpec(
        NSSIJ,
        "foutas",
        (
            "Striped cotton fouta",
            "Fouta rayée en coton",
            "فوطة قطنية مخطّطة",
        ),
        (
            "The flat-woven hammam towel: thin, quick to dry and softer after every wash. Use "
            "it at the beach, at the hammam or as a tablecloth.",
            "La serviette de hammam tissée à plat : fine, vite sèche et plus douce à chaque "
            "lavage. À emporter à la plage, au hammam ou à poser comme nappe.",
            "منشفة الحمّام المنسوجة نسجا مسطحا: رقيقة وسريعة الجفاف وتزداد نعومة مع كل غسلة. "
            "استعملها في الشاطئ أو الحمّام أو مفرشا للطاولة.",
        ),
        COTTON,
        "150",
        colours("blue", "red", "green", "grey", "yellow", size="100×190 cm"),
        rating=("4.60", 52),
    ),
    ProductSpec(
        NSSIJ,
        "foutas",
        (
            "Honeycomb fouta with fringes",
            "Fouta nid d'abeille à franges",
            "فوطة بنسج خلية النحل وأهداب",
        ),
        (
            "A thicker fouta woven in a honeycomb pattern that absorbs like a bath towel. "
            "Finished with fringes twisted by hand.",
            "Une fouta plus épaisse tissée en nid d'abeille, aussi absorbante qu'une serviette "
            "de bain. Finie par des franges torsadées à la main.",
            "فوطة أكثر سمكا منسوجة بنقش خلية النحل، تمتصّ الماء كمنشفة الحمّام. تنتهي بأهداب "
            "مفتولة باليد.",
        ),
        COTTON,
        "210",
        colours("white", "beige", "pink"),
    ),
    ProductSpec(
        NSSIJ,
        "foutas",
        (
            "Set of four woven cotton napkins",
            "Lot de quatre serviettes de table tissées",
            "طقم من أربعة مناديل مائدة منسوجة",
        ),
        (
            "Napkins from the same looms as our foutas, with a thin coloured stripe at each "
            "end. They go well with Fassi tableware.",
            "Des serviettes de table tissées sur les mêmes métiers que nos foutas, avec une "
            "fine rayure colorée à chaque extrémité. Elles s'accordent avec la vaisselle de "
            "Fès.",
            "مناديل مائدة منسوجة على المناسج نفسها التي تُنسج عليها فوطنا، بخط ملوّن رفيع عند "
            "كل طرف. تتناسق مع الأواني الفاسية.",
        ),
        COTTON,
        "160",
        colours("blue", "green", "natural"),
    ),
    ProductSpec(
        NSSIJ,
        "scarves",
        (
            "Hand-woven wool scarf",
            "Écharpe en laine tissée main",
            "وشاح صوفي منسوج باليد",
        ),
        (
            "A soft scarf woven from fine wool spun in the Rif, in a simple herringbone "
            "weave. Long enough to wrap twice around the neck.",
            "Une écharpe douce tissée en laine fine filée dans le Rif, en simple armure "
            "chevron. Assez longue pour faire deux fois le tour du cou.",
            "وشاح ناعم منسوج من صوف رفيع مغزول في الريف، بنسج بسيط على شكل حسكة السمك. طويل "
            "بما يكفي ليُلفّ مرتين حول العنق.",
        ),
        RIF_WOOL,
        "340",
        colours("grey", "beige", "blue", "black"),
        rating=("4.50", 10),
    ),
    ProductSpec(
        NSSIJ,
        "scarves",
        (
            "Cactus silk scarf",
            "Écharpe en soie de cactus",
            "وشاح من حرير الصبّار",
        ),
        (
            "Sabra, the shiny thread spun from agave leaves, gives this scarf its sheen and "
            "its cool touch. Each one is dyed by hand, so the shades vary a little.",
            "Le sabra, fil brillant tiré des feuilles d'agave, donne à cette écharpe son éclat "
            "et sa fraîcheur au toucher. Chacune est teinte à la main, les nuances varient "
            "donc légèrement.",
            "الصبرة، الخيط اللامع المستخرج من أوراق الصبّار، تمنح هذا الوشاح لمعانه وملمسه "
            "البارد. كل وشاح مصبوغ باليد، لذلك تختلف درجات ألوانه قليلا.",
        ),
        SABRA,
        "290",
        colours("blue", "red", "purple", "green"),
        compare="350",
    ),
    ProductSpec(
        NSSIJ,
        "scarves",
        (
            "Lightweight summer shawl",
            "Châle d'été léger",
            "شال صيفي خفيف",
        ),
        (
            "An airy cotton shawl with a fine openwork border, to cover the shoulders on cool "
            "evenings. It folds small enough for any bag.",
            "Un châle aérien en coton à fine bordure ajourée, pour couvrir les épaules les "
            "soirs frais. Il se plie assez petit pour tous les sacs.",
            "شال قطني خفيف بحاشية مخرّمة رقيقة، لتغطية الكتفين في الأمسيات الباردة. يُطوى "
            "صغيرا بما يكفي لأي حقيبة.",
        ),
        COTTON,
        "230",
        colours("white", "beige", "pink"),
    ),
    # Cosmetics: Coopérative Tifaout, Taroudant.
    ProductSpec(
        TIFAOUT,
        "argan-oil",
        (
            "Pure cosmetic argan oil",
            "Huile d'argan cosmétique pure",
            "زيت الأركان التجميلي الخالص",
        ),
        (
            "Cold-pressed from raw argan kernels cracked by hand by the women of the "
            "cooperative. A few drops nourish the face, hair and nails; it smells lightly of "
            "hazelnut.",
            "Pressée à froid à partir d'amandons d'argan crus, concassés à la main par les "
            "femmes de la coopérative. Quelques gouttes nourrissent le visage, les cheveux et "
            "les ongles ; son parfum léger rappelle la noisette.",
            "زيت معصور على البارد من لوز الأركان الخام الذي تكسره نساء التعاونية باليد. بضع "
            "قطرات تغذّي الوجه والشعر والأظافر، ورائحته خفيفة تشبه رائحة البندق.",
        ),
        ARGAN,
        "90",
        sizes(("50 ml", None), ("100 ml", "160"), ("250 ml", "350")),
        featured=True,
        rating=("4.90", 128),
    ),
    ProductSpec(
        TIFAOUT,
        "argan-oil",
        (
            "Roasted culinary argan oil",
            "Huile d'argan alimentaire torréfiée",
            "زيت الأركان الغذائي المحمّص",
        ),
        (
            "The kernels are lightly roasted before pressing, which gives the oil its deep "
            "gold colour and toasted taste. Drizzle it on couscous, salads or warm bread at "
            "breakfast.",
            "Les amandons sont légèrement torréfiés avant le pressage, ce qui donne à l'huile "
            "sa couleur d'or profond et son goût grillé. À verser sur le couscous, les salades "
            "ou le pain chaud du petit-déjeuner.",
            "يُحمَّص اللوز قليلا قبل العصر، فيكتسب الزيت لونه الذهبي العميق وطعمه المحمّص. "
            "رشّه على الكسكس أو السلطات أو الخبز الساخن في الفطور.",
        ),
        ARGAN,
        "120",
        sizes(("100 ml", None), ("250 ml", "260"), ("500 ml", "480")),
        rating=("4.70", 36),
    ),
    ProductSpec(
        TIFAOUT,
        "argan-oil",
        (
            "Argan oil with rose for the face",
            "Huile d'argan à la rose pour le visage",
            "زيت الأركان بالورد للوجه",
        ),
        (
            "Our cosmetic argan oil infused with Damask rose petals from the Dades valley. A "
            "gentle evening oil for dry skin.",
            "Notre huile d'argan cosmétique infusée de pétales de rose de Damas de la vallée "
            "du Dadès. Une huile douce pour le soir, pour les peaux sèches.",
            "زيت الأركان التجميلي منقوع فيه بتلات الورد الدمشقي من وادي دادس. زيت لطيف للمساء "
            "للبشرة الجافة.",
        ),
        ARGAN_ROSE,
        "110",
        sizes(("30 ml", None), ("50 ml", "160")),
        compare="130",
    ),
    ProductSpec(
        TIFAOUT,
        "argan-oil",
        (
            "Argan hair mask",
            "Masque capillaire à l'argan",
            "قناع الشعر بالأركان",
        ),
        (
            "A rich mask of argan oil, shea butter and honey for dry or coloured hair. Leave "
            "it on for twenty minutes before washing.",
            "Un masque riche à l'huile d'argan, au beurre de karité et au miel pour les "
            "cheveux secs ou colorés. Laissez poser vingt minutes avant le shampooing.",
            "قناع غني بزيت الأركان وزبدة الشيا والعسل للشعر الجاف أو المصبوغ. اتركه عشرين "
            "دقيقة قبل غسل الشعر.",
        ),
        HAIR_MASK,
        "130",
        sizes(("200 ml", None)),
    ),
    ProductSpec(
        TIFAOUT,
        "black-soap-hammam",
        (
            "Eucalyptus black soap",
            "Savon noir à l'eucalyptus",
            "الصابون البلدي بالأوكالبتوس",
        ),
        (
            "The soft olive-oil soap of the hammam, scented with eucalyptus. Spread it on damp "
            "skin, wait five minutes, then scrub with a kessa glove.",
            "Le savon mou à l'huile d'olive du hammam, parfumé à l'eucalyptus. Étalez-le sur la "
            "peau humide, attendez cinq minutes, puis gommez avec un gant kessa.",
            "صابون الحمّام الطري المصنوع من زيت الزيتون، معطّر بالأوكالبتوس. ادهنه على البشرة "
            "المبلّلة وانتظر خمس دقائق ثم افركها بالكيس.",
        ),
        BLACK_SOAP,
        "60",
        sizes(("200 g", None), ("500 g", "120")),
        rating=("4.60", 58),
    ),
    ProductSpec(
        TIFAOUT,
        "black-soap-hammam",
        (
            "Hammam gift set",
            "Coffret hammam",
            "علبة هدايا الحمّام",
        ),
        (
            "Everything for a hammam at home: black soap, a kessa scrubbing glove, a pot of "
            "ghassoul and a small bottle of argan oil, in a woven palm basket. Add a message "
            "and we will tuck in a handwritten card.",
            "Tout pour un hammam à la maison : savon noir, gant kessa, pot de ghassoul et "
            "petit flacon d'huile d'argan, dans un panier en palmier tressé. Ajoutez un "
            "message et nous glisserons une carte écrite à la main.",
            "كل ما تحتاجه لحمّام في البيت: صابون بلدي وكيس الحمّام وعلبة غاسول وقارورة صغيرة "
            "من زيت الأركان، في سلّة من سعف النخيل المضفور. أضف رسالة وسنرفقها ببطاقة مكتوبة "
            "باليد.",
        ),
        HAMMAM_SET,
        "320",
        one(),
        compare="380",
        personal=True,
        featured=True,
        rating=("4.80", 24),
    ),
    ProductSpec(
        TIFAOUT,
        "ghassoul",
        (
            "Ghassoul clay powder",
            "Ghassoul en poudre",
            "غاسول مطحون",
        ),
        (
            "Mineral clay from the Middle Atlas that Moroccan women have used for centuries "
            "to wash hair and skin. Mix it with water or rose water into a smooth paste.",
            "Argile minérale du Moyen Atlas que les Marocaines utilisent depuis des siècles "
            "pour laver les cheveux et la peau. Mélangez-la à de l'eau ou de l'eau de rose "
            "pour obtenir une pâte lisse.",
            "طين معدني من الأطلس المتوسط تستعمله النساء المغربيات منذ قرون لغسل الشعر "
            "والبشرة. اخلطه بالماء أو بماء الورد لتحصل على عجينة ناعمة.",
        ),
        GHASSOUL,
        "45",
        sizes(("250 g", None), ("500 g", "80")),
    ),
    ProductSpec(
        TIFAOUT,
        "ghassoul",
        (
            "Ghassoul with seven herbs",
            "Ghassoul aux sept plantes",
            "غاسول بالأعشاب السبعة",
        ),
        (
            "Ghassoul flakes prepared the old way, steeped with rose, myrtle, lavender and "
            "other herbs, then dried in the sun. A fragrant mask for face and hair.",
            "Des paillettes de ghassoul préparées à l'ancienne, macérées avec la rose, le "
            "myrte, la lavande et d'autres plantes, puis séchées au soleil. Un masque parfumé "
            "pour le visage et les cheveux.",
            "رقائق غاسول محضّرة على الطريقة القديمة، منقوعة مع الورد والريحان والخزامى وأعشاب "
            "أخرى ثم مجفّفة تحت الشمس. قناع عطِر للوجه والشعر.",
        ),
        GHASSOUL_HERBS,
        "70",
        sizes(("250 g", None)),
    ),
    # Wood: Atelier Mogador Thuya, Essaouira.
    ProductSpec(
        MOGADOR,
        "thuya",
        (
            "Inlaid thuya jewellery box",
            "Coffret à bijoux en thuya marqueté",
            "علبة مجوهرات من العرعار المطعّم",
        ),
        (
            "A box carved from thuya burl, its lid inlaid with lemonwood and ebony in a star "
            "pattern. Lined with velvet; the scent of the wood lasts for years.",
            "Un coffret taillé dans la loupe de thuya, au couvercle marqueté de citronnier et "
            "d'ébène en forme d'étoile. Intérieur en velours ; le parfum du bois dure des "
            "années.",
            "علبة منحوتة من جذور العرعار، غطاؤها مطعّم بخشب الليمون والأبنوس على شكل نجمة. "
            "مبطّنة بالمخمل، وتدوم رائحة الخشب سنوات.",
        ),
        THUYA,
        "280",
        sizes(("15×10 cm", None), ("22×15 cm", "420"), ("30×20 cm", "620")),
        compare="330",
        featured=True,
        rating=("4.80", 29),
    ),
    ProductSpec(
        MOGADOR,
        "thuya",
        (
            "Thuya chess set with folding board",
            "Jeu d'échecs en thuya à plateau pliant",
            "رقعة شطرنج من العرعار قابلة للطي",
        ),
        (
            "A folding board of thuya and lemonwood squares, with hand-turned pieces stored "
            "inside. An heirloom that takes a week to make; we can engrave initials on the "
            "lid.",
            "Un plateau pliant aux cases de thuya et de citronnier, avec des pièces tournées à "
            "la main rangées à l'intérieur. Un objet de famille qui demande une semaine de "
            "travail ; nous pouvons graver des initiales sur le couvercle.",
            "رقعة قابلة للطي بمربّعات من العرعار وخشب الليمون، وقطع مخروطة باليد تُحفظ "
            "داخلها. إرث عائلي يستغرق صنعه أسبوعا، ويمكننا نقش الحروف الأولى لاسمك على "
            "غطائها.",
        ),
        THUYA,
        "1350",
        one(),
        days=7,
        personal=True,
    ),
    ProductSpec(
        MOGADOR,
        "thuya",
        (
            "Thuya tea box with six compartments",
            "Boîte à thé en thuya à six compartiments",
            "علبة شاي من العرعار بست خانات",
        ),
        (
            "Keep green tea, dried mint and sugar apart in this box with a glass-set lid. "
            "Polished with natural oil, never varnished.",
            "Rangez le thé vert, la menthe séchée et le sucre séparément dans cette boîte au "
            "couvercle vitré. Polie à l'huile naturelle, jamais vernie.",
            "احفظ الشاي الأخضر والنعناع المجفّف والسكر كلّا على حدة في هذه العلبة ذات الغطاء "
            "الزجاجي. مصقولة بالزيت الطبيعي ودون ورنيش.",
        ),
        THUYA,
        "390",
        one(),
    ),
    ProductSpec(
        MOGADOR,
        "thuya",
        (
            "Small thuya box with mother-of-pearl",
            "Petite boîte en thuya incrustée de nacre",
            "علبة صغيرة من العرعار مطعّمة بالصدف",
        ),
        (
            "A pocket-sized round box for rings or pills, its lid set with a mother-of-pearl "
            "rosette. A favourite keepsake from Essaouira.",
            "Une petite boîte ronde de poche pour les bagues ou les comprimés, au couvercle "
            "orné d'une rosace de nacre. Un souvenir très apprécié d'Essaouira.",
            "علبة دائرية صغيرة بحجم الجيب للخواتم أو الأقراص، يزيّن غطاءها وردة من الصدف. من "
            "أحبّ التذكارات من الصويرة.",
        ),
        THUYA_PEARL,
        "95",
        one(),
        rating=("4.50", 33),
    ),
    ProductSpec(
        MOGADOR,
        "thuya",
        (
            "Set of six thuya coasters",
            "Lot de six sous-verres en thuya",
            "طقم من ست قواعد أكواب من العرعار",
        ),
        (
            "Six coasters cut across the thuya burl, so the grain draws a different pattern on "
            "each one. Finished with beeswax.",
            "Six sous-verres taillés en travers de la loupe de thuya, si bien que le bois "
            "dessine un motif différent sur chacun. Finition à la cire d'abeille.",
            "ست قواعد أكواب مقطوعة عرضيا من جذور العرعار، فترسم عروق الخشب نقشا مختلفا على "
            "كل واحدة. مشطّبة بشمع النحل.",
        ),
        THUYA,
        "180",
        one(),
    ),
    ProductSpec(
        MOGADOR,
        "olive-wood",
        (
            "Olive wood salad bowl",
            "Saladier en bois d'olivier",
            "زلافة سلطة من خشب الزيتون",
        ),
        (
            "Turned from a single piece of olive wood from old trees pruned near Essaouira. "
            "The grain runs in dark and golden waves; oil it now and then to keep it bright.",
            "Tourné dans une seule pièce d'olivier provenant de vieux arbres taillés près "
            "d'Essaouira. Le fil du bois dessine des vagues sombres et dorées ; huilez-le de "
            "temps en temps pour qu'il garde son éclat.",
            "مخروطة من قطعة واحدة من خشب الزيتون مأخوذة من أشجار قديمة مُقلَّمة قرب الصويرة. "
            "تتموّج عروق الخشب بين الداكن والذهبي، فادهنها بالزيت من حين لآخر لتحافظ على "
            "لمعانها.",
        ),
        OLIVE_WOOD,
        "260",
        sizes(("25 cm", None), ("30 cm", "360")),
        rating=("4.70", 16),
    ),
    ProductSpec(
        MOGADOR,
        "olive-wood",
        (
            "Set of three olive wood spoons",
            "Lot de trois cuillères en bois d'olivier",
            "طقم من ثلاث ملاعق من خشب الزيتون",
        ),
        (
            "Three carved spoons for stirring, serving and tasting, smooth in the hand and "
            "hard enough to last a lifetime. Dishwashers dry the wood out, so wash them by "
            "hand.",
            "Trois cuillères sculptées pour remuer, servir et goûter, douces en main et assez "
            "dures pour durer toute une vie. Le lave-vaisselle dessèche le bois : lavez-les à "
            "la main.",
            "ثلاث ملاعق منحوتة للتحريك والتقديم والتذوّق، ناعمة في اليد وصلبة بما يكفي لتدوم "
            "العمر كله. غسّالة الأواني تجفّف الخشب، فاغسلها باليد.",
        ),
        OLIVE_WOOD,
        "120",
        one(),
        compare="150",
    ),
    ProductSpec(
        MOGADOR,
        "olive-wood",
        (
            "Olive wood serving board",
            "Planche de service en bois d'olivier",
            "لوح تقديم من خشب الزيتون",
        ),
        (
            "A long board with a handle, for bread, cheese or msemen fresh from the pan. We "
            "can engrave a name or a date on the back.",
            "Une longue planche à poignée pour le pain, le fromage ou les msemen tout juste "
            "sortis de la poêle. Nous pouvons graver un prénom ou une date au dos.",
            "لوح طويل بمقبض للخبز أو الجبن أو المسمّن الخارج لتوّه من المقلاة. يمكننا نقش اسم "
            "أو تاريخ على ظهره.",
        ),
        OLIVE_WOOD,
        "190",
        sizes(("40 cm", None), ("55 cm", "260")),
        days=3,
        personal=True,
    ),
    # Metalwork: Fanous Marrakech.
    ProductSpec(
        FANOUS,
        "lanterns",
        (
            "Pierced brass lantern",
            "Lanterne en laiton ajouré",
            "فانوس من النحاس الأصفر المخرّم",
        ),
        (
            "A hexagonal lantern of hammered brass, pierced by hand with thousands of tiny "
            "holes that scatter stars of light across the room. Wired for an E27 bulb, or use "
            "it with a candle.",
            "Une lanterne hexagonale en laiton martelé, percée à la main de milliers de petits "
            "trous qui sèment des étoiles de lumière dans la pièce. Câblée pour une ampoule "
            "E27, ou à utiliser avec une bougie.",
            "فانوس سداسي من النحاس الأصفر المطروق، مثقوب باليد بآلاف الثقوب الصغيرة التي "
            "تنثر نجوما من الضوء في أرجاء الغرفة. مجهّز لمصباح E27، ويمكن استعماله بشمعة.",
        ),
        BRASS,
        "650",
        sizes(("30 cm", None), ("45 cm", "980"), ("60 cm", "1450")),
        featured=True,
        rating=("4.90", 38),
    ),
    ProductSpec(
        FANOUS,
        "lanterns",
        (
            "Coloured glass hanging lantern",
            "Lanterne suspendue en verre coloré",
            "فانوس معلّق بالزجاج الملوّن",
        ),
        (
            "An iron lantern set with panes of red, blue, green and yellow glass, like those "
            "that hang in the riads of the medina. It comes with a one-metre chain.",
            "Une lanterne en fer sertie de verres rouges, bleus, verts et jaunes, comme celles "
            "qui pendent dans les riads de la médina. Livrée avec une chaîne d'un mètre.",
            "فانوس حديدي مرصّع بزجاج أحمر وأزرق وأخضر وأصفر، كالفوانيس المعلّقة في رياضات "
            "المدينة العتيقة. يُسلَّم مع سلسلة طولها متر.",
        ),
        IRON_GLASS,
        "540",
        sizes(("35 cm", None), ("50 cm", "780"), colours=("multi",)),
        compare="620",
    ),
    ProductSpec(
        FANOUS,
        "lanterns",
        (
            "Copper candle lantern",
            "Photophore en cuivre",
            "فانوس شموع من النحاس الأحمر",
        ),
        (
            "A small copper lantern with a hinged door, made to hold a tea light on a table or "
            "in the garden. The copper darkens to a warm brown over time.",
            "Un petit photophore en cuivre à porte articulée, pour une bougie chauffe-plat sur "
            "la table ou au jardin. Le cuivre prend avec le temps un brun chaleureux.",
            "فانوس صغير من النحاس الأحمر ببويب مفصلي، مخصّص لشمعة صغيرة على الطاولة أو في "
            "الحديقة. يغمق لون النحاس مع الوقت إلى بنّي دافئ.",
        ),
        COPPER,
        "210",
        one(),
        rating=("4.40", 13),
    ),
    ProductSpec(
        FANOUS,
        "lanterns",
        (
            "Star ceiling lamp in pierced brass",
            "Plafonnier étoile en laiton ajouré",
            "ثريا سقفية على شكل نجمة من النحاس المخرّم",
        ),
        (
            "A large eight-pointed star of pierced brass that throws a lace of shadows across "
            "the ceiling. Made to order and wired to European standards.",
            "Une grande étoile à huit branches en laiton ajouré, qui projette une dentelle "
            "d'ombres au plafond. Fabriquée sur commande et câblée aux normes européennes.",
            "نجمة كبيرة ثمانية الرؤوس من النحاس الأصفر المخرّم، ترسم على السقف دانتيلا من "
            "الظلال. تُصنع حسب الطلب بتوصيلات وفق المعايير الأوروبية.",
        ),
        BRASS,
        "1600",
        sizes(("50 cm", None), ("70 cm", "2300")),
        days=14,
    ),
    ProductSpec(
        FANOUS,
        "lanterns",
        (
            "Tall black iron floor lantern",
            "Grande lanterne de sol en fer noir",
            "فانوس أرضي طويل من الحديد الأسود",
        ),
        (
            "A tall lantern for a corner of the living room or the terrace, in blackened iron "
            "pierced with pointed arches. Its light falls in long, slender shapes across the "
            "floor.",
            "Une grande lanterne pour un coin du salon ou de la terrasse, en fer noirci ajouré "
            "d'arcs brisés. Sa lumière s'étire en longues formes fines sur le sol.",
            "فانوس طويل لركن من الصالون أو السطح، من الحديد المسوّد المخرّم بأقواس مدبّبة. "
            "يمتدّ ضوؤه على الأرض في أشكال طويلة ورفيعة.",
        ),
        IRON,
        "1150",
        sizes(("80 cm", None), ("120 cm", "1650"), colours=("black",)),
    ),
    ProductSpec(
        FANOUS,
        "trays-teapots",
        (
            "Moroccan teapot in silver-plated brass",
            "Théière marocaine en laiton argenté",
            "برّاد مغربي من النحاس المفضّض",
        ),
        (
            "The curved-spout teapot used to pour mint tea from high above the glass, so that "
            "it foams. Hand-chased lid and a handle that stays cool.",
            "La théière au bec courbé qui sert à verser le thé à la menthe de haut pour le "
            "faire mousser. Couvercle ciselé à la main et poignée qui reste froide.",
            "البرّاد ذو الصنبور المقوّس الذي يُصبّ به شاي النعناع من علوّ فوق الكأس لتتكوّن "
            "الرغوة. غطاء منقوش باليد ومقبض يبقى باردا.",
        ),
        SILVER_PLATED,
        "380",
        sizes(("0.6 L", None), ("1 L", "480"), ("1.4 L", "590")),
        compare="450",
        featured=True,
        rating=("4.80", 47),
    ),
    ProductSpec(
        FANOUS,
        "trays-teapots",
        (
            "Engraved brass tea tray",
            "Plateau à thé en laiton gravé",
            "صينية شاي من النحاس الأصفر المنقوش",
        ),
        (
            "A round tray engraved with arabesques around a central rosette, the centrepiece "
            "of every Moroccan tea ceremony. Large enough for a teapot and six glasses.",
            "Un plateau rond gravé d'arabesques autour d'une rosace centrale, pièce maîtresse "
            "de toute cérémonie du thé marocaine. Assez grand pour une théière et six verres.",
            "صينية مستديرة منقوشة بالأرابيسك حول وردة مركزية، وهي محور كل جلسة شاي مغربية. "
            "واسعة بما يكفي لبرّاد وستة كؤوس.",
        ),
        BRASS,
        "450",
        sizes(("40 cm", None), ("50 cm", "620")),
        rating=("4.60", 21),
    ),
    ProductSpec(
        FANOUS,
        "trays-teapots",
        (
            "Hammered copper tray table",
            "Table plateau en cuivre martelé",
            "طاولة بصينية من النحاس الأحمر المطروق",
        ),
        (
            "A large copper tray on a folding cedar stand: a low table for tea in the living "
            "room or on the terrace. The hammer marks catch the light.",
            "Un grand plateau en cuivre sur un pied pliant en cèdre : une table basse pour le "
            "thé au salon ou sur la terrasse. Les traces du marteau accrochent la lumière.",
            "صينية كبيرة من النحاس الأحمر فوق حامل قابل للطي من خشب الأرز: طاولة منخفضة للشاي "
            "في الصالون أو السطح. تلتقط آثار المطرقة الضوء.",
        ),
        COPPER_CEDAR,
        "1800",
        sizes(("60 cm", None), ("80 cm", "2600")),
        days=10,
    ),
    ProductSpec(
        FANOUS,
        "trays-teapots",
        (
            "Pierced brass incense burner",
            "Brûle-parfum en laiton ajouré",
            "مبخرة من النحاس الأصفر المخرّم",
        ),
        (
            "A footed burner of pierced brass for oud, amber or frankincense, as families "
            "light them on Fridays and feast days. The domed lid lets the smoke rise in thin "
            "curls.",
            "Un brûle-parfum sur pied en laiton ajouré pour le oud, l'ambre ou l'encens, comme "
            "les familles en font brûler le vendredi et les jours de fête. Le couvercle en "
            "dôme laisse monter la fumée en fines volutes.",
            "مبخرة بقاعدة من النحاس الأصفر المخرّم للعود أو العنبر أو البخور، كما تفعل الأسر "
            "يوم الجمعة والأعياد. يسمح غطاؤها المقبّب بتصاعد الدخان في خيوط رفيعة.",
        ),
        BRASS,
        "260",
        one(),
    ),
)


# --- Placeholder images -----------------------------------------------------------

# (ground, accent, light, dark) per root category: warm colours of each craft.
PALETTES: dict[str, tuple[tuple[int, int, int], ...]] = {
    "rugs": ((168, 54, 44), (232, 186, 96), (246, 236, 218), (74, 28, 24)),
    "pottery-ceramics": ((30, 76, 146), (236, 196, 92), (244, 240, 230), (18, 40, 82)),
    "leather": ((152, 94, 50), (226, 170, 60), (246, 232, 206), (76, 44, 22)),
    "jewellery": ((48, 70, 112), (196, 202, 212), (242, 238, 232), (176, 66, 58)),
    "textiles": ((62, 118, 178), (222, 112, 84), (240, 242, 246), (28, 54, 92)),
    "cosmetics": ((190, 146, 58), (116, 128, 62), (248, 236, 206), (92, 66, 26)),
    "woodwork": ((122, 74, 40), (214, 164, 98), (244, 228, 204), (58, 34, 20)),
    "metalwork": ((64, 54, 44), (204, 162, 72), (240, 226, 196), (150, 82, 50)),
}
DEFAULT_PALETTE = ((150, 90, 60), (230, 180, 90), (245, 235, 220), (60, 40, 30))

_FONTS: dict[int, Any] = {}


def _font(size: int):
    if size not in _FONTS:
        try:
            _FONTS[size] = ImageFont.load_default(size=size)
        except (TypeError, OSError):  # Pillow built without FreeType: the bitmap font
            _FONTS[size] = ImageFont.load_default()
    return _FONTS[size]


def _star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    """An eight-pointed star, the basic shape of zellige."""
    return [
        (
            cx + (outer if i % 2 == 0 else inner) * math.cos(math.pi * i / 8),
            cy + (outer if i % 2 == 0 else inner) * math.sin(math.pi * i / 8),
        )
        for i in range(16)
    ]


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def draw_placeholder(
    title: str,
    palette: Sequence[tuple[int, int, int]],
    *,
    variant: int = 0,
    size: tuple[int, int] | None = None,
    image_format: str = "JPEG",
) -> bytes:
    """A zellige-like pattern in the palette's colours with `title` on a panel."""
    width, height = size or IMAGE_SIZE
    ground, accent, light, dark = palette
    if variant % 3 == 1:
        ground, accent = accent, ground
    elif variant % 3 == 2:
        ground, dark = dark, ground
    image = Image.new("RGB", (width, height), ground)
    draw = ImageDraw.Draw(image)
    cell = max(width, height) // (6 + 2 * (variant % 3))
    for row in range(-1, height // cell + 2):
        shift = cell // 2 if variant % 2 and row % 2 else 0
        for col in range(-1, width // cell + 2):
            cx, cy = col * cell + shift, row * cell
            draw.polygon(_star(cx, cy, cell * 0.46, cell * 0.27), fill=accent)
            draw.polygon(_star(cx, cy, cell * 0.22, cell * 0.13), fill=light)
            dx, dy, r = cx + cell / 2, cy + cell / 2, cell * 0.12
            draw.polygon([(dx, dy - r), (dx + r, dy), (dx, dy + r), (dx - r, dy)], fill=dark)
    if title:
        font_size = max(12, min(height // 12, width // 22))
        panel_width = width * 0.8
        font = _font(font_size)
        lines = _wrap(draw, title, font, panel_width * 0.88)
        while len(lines) > 3 and font_size > 12:
            font_size -= 4
            font = _font(font_size)
            lines = _wrap(draw, title, font, panel_width * 0.88)
        panel_height = (len(lines) + 1.2) * font_size * 1.25
        box = (
            (width - panel_width) / 2,
            (height - panel_height) / 2,
            (width + panel_width) / 2,
            (height + panel_height) / 2,
        )
        draw.rounded_rectangle(
            box,
            radius=int(min(panel_height, panel_width) * 0.12),
            fill=light,
            outline=dark,
            width=max(2, width // 300),
        )
        draw.multiline_text(
            (width / 2, height / 2),
            "\n".join(lines),
            font=font,
            fill=dark,
            anchor="mm",
            align="center",
            spacing=font_size // 4,
        )
    buffer = io.BytesIO()
    if image_format == "JPEG":
        image.save(buffer, "JPEG", quality=82)
    else:
        image.save(buffer, image_format)
    return buffer.getvalue()


def draw_logo(name: str, palette: Sequence[tuple[int, int, int]], size: int = LOGO_SIZE) -> bytes:
    """A round badge with the shop's initials on a star."""
    ground, accent, light, dark = palette
    image = Image.new("RGB", (size, size), light)
    draw = ImageDraw.Draw(image)
    margin = size * 0.04
    draw.ellipse((margin, margin, size - margin, size - margin), fill=ground)
    draw.polygon(_star(size / 2, size / 2, size * 0.42, size * 0.3), fill=accent)
    draw.ellipse((size * 0.26, size * 0.26, size * 0.74, size * 0.74), fill=dark)
    draw.text((size / 2, size / 2), _initials(name), font=_font(size // 5), fill=light, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _initials(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = [w for w in ascii_name.replace("-", " ").split() if w[:1].isupper()]
    return "".join(w[0] for w in words[:2]).upper() or "S"


# --- Seeding the demo catalogue ---------------------------------------------------

ALT_SUFFIXES: tuple[T, ...] = (
    ("", "", ""),
    (", detail", ", détail", "، تفصيل"),
    (", another view", ", autre vue", "، زاوية أخرى"),
)


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message if message.endswith("\n") else message + "\n")


def _localised(field: str, values: Iterable[str]) -> dict[str, str]:
    return {f"{field}_{code}": value for code, value in zip(LANGS, values, strict=True)}


def slugs_for(name: T) -> T:
    """URL slugs in each language; the Arabic one keeps its Arabic letters."""
    return (slugify(name[0]), slugify(name[1]), slugify(name[2], allow_unicode=True))


def _summary(text: str, limit: int = 160) -> str:
    """The first sentence of `text`, cut at a word if it is too long (SEO description)."""
    sentence = text.split(". ")[0].rstrip(".") + "."
    if len(sentence) <= limit:
        return sentence
    return sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def _option_code(size: str, colour: str) -> str:
    size_code = "".join(
        ch for ch in size.upper().replace("×", "X").replace("²", "2") if ch.isalnum() or ch == "."
    )
    return "-".join(part for part in (size_code, colour.upper()) if part) or "STD"


def sku_for(shop_code: str, slug_en: str, size: str, colour: str) -> str:
    """Stable SKU: shop code, a short digest of the product's English slug, the option."""
    digest = hashlib.sha256(slug_en.encode()).hexdigest()[:6].upper()
    return f"{shop_code}-{digest}-{_option_code(size, colour)}"


def _stock(sku: str, sold_out: bool) -> int:
    if sold_out:
        return 0
    return random.Random(sku).choice((0, 2, 3, 4, 6, 8, 10, 12, 15, 24))  # noqa: S311


def _root_of(slug: str) -> str:
    by_slug = {spec.slug: spec for spec in CATEGORIES}
    spec = by_slug[slug]
    while spec.parent:
        spec = by_slug[spec.parent]
    return spec.slug


def _seed_categories() -> tuple[dict[str, Category], int]:
    categories: dict[str, Category] = {}
    created_count = 0
    for position, spec in enumerate(CATEGORIES):
        category, created = Category.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "parent": categories[spec.parent] if spec.parent else None,
                "position": position,
                "is_featured": spec.featured,
                **_localised("name", spec.name),
                **_localised("description", spec.description),
            },
        )
        created_count += created
        if not category.image:
            palette = PALETTES.get(_root_of(spec.slug), DEFAULT_PALETTE)
            data = draw_placeholder(
                spec.name[0], palette, variant=position, size=CATEGORY_IMAGE_SIZE
            )
            name = f"{spec.slug}.jpg"
            category.image.save(name, ContentFile(data, name=name), save=True)
        categories[spec.slug] = category
    return categories, created_count


def _seed_shop(spec: ShopSpec) -> tuple[Vendor, bool]:
    vendor, created = Vendor.objects.get_or_create(
        slug=spec.slug,
        defaults={
            "name": spec.name,
            "kind": spec.kind,
            "region": spec.region,
            "city": spec.city,
            "contact_email": spec.email,
            "status": Vendor.Status.APPROVED,
            "is_featured": spec.featured,
            "commission_rate": Decimal(spec.commission) if spec.commission else None,
            **_localised("story", spec.story),
        },
    )
    palette = PALETTES.get(spec.craft, DEFAULT_PALETTE)
    changed = []
    if not vendor.logo:
        name = f"{spec.slug}.png"
        logo = ContentFile(draw_logo(spec.name, palette), name=name)
        vendor.logo.save(name, logo, save=False)
        changed.append("logo")
    if not vendor.banner:
        name = f"{spec.slug}.jpg"
        banner = draw_placeholder(spec.name, palette, variant=1, size=BANNER_SIZE)
        vendor.banner.save(name, ContentFile(banner, name=name), save=False)
        changed.append("banner")
    if changed:
        vendor.save(update_fields=changed)
    return vendor, created


def _seed_product(
    spec: ProductSpec, index: int, vendor: Vendor, category: Category, shop_code: str, now
) -> tuple[Product, bool, int, int]:
    """Create one demo product with its variants and images; fill only what is missing."""
    slugs = slugs_for(spec.name)
    rating_average, rating_count = spec.rating or ("0", 0)
    product, created = Product.objects.get_or_create(
        slug_en=slugs[0],
        defaults={
            "vendor": vendor,
            "category": category,
            "slug_fr": slugs[1],
            "slug_ar": slugs[2],
            **_localised("name", spec.name),
            **_localised("description", spec.description),
            **_localised("seo_description", (_summary(d) for d in spec.description)),
            **_localised("materials", spec.materials),
            "origin_region": vendor.region,
            "status": Product.Status.ACTIVE,
            "base_price": Decimal(spec.price),
            "compare_at_price": Decimal(spec.compare) if spec.compare else None,
            "processing_days": spec.days,
            "allows_personalisation": spec.personal,
            "is_featured": spec.featured,
            "rating_average": Decimal(rating_average),
            "rating_count": rating_count,
            # Spread over the last three months so that "newest first" means something.
            "created": now
            - timedelta(days=(index * 37) % DEMO_DAYS, hours=(index * 7) % 24, minutes=index),
        },
    )

    rows = []
    for position, (size, colour, override) in enumerate(spec.options):
        sku = sku_for(shop_code, slugs[0], size, colour)
        rows.append(
            {
                "sku": sku,
                "size": size,
                "colour": colour,
                "price_override": Decimal(override) if override else None,
                "stock": _stock(sku, spec.sold_out),
                "position": position,
            }
        )
    if not spec.sold_out and not any(row["stock"] for row in rows):
        rows[0]["stock"] = 5
    existing = set(
        Variant.objects.filter(sku__in=[row["sku"] for row in rows]).values_list("sku", flat=True)
    )
    new_variants = [Variant(product=product, **row) for row in rows if row["sku"] not in existing]
    if new_variants:
        # One bulk insert and one refresh instead of a refresh per Variant.save().
        Variant.objects.bulk_create(new_variants)
        product.refresh_from_variants()

    new_images = 0
    if not product.images.exists():
        palette = PALETTES.get(_root_of(spec.category), DEFAULT_PALETTE)
        for position in range(1 + index % 3):
            suffix = ALT_SUFFIXES[position]
            image = ProductImage(
                product=product,
                position=position,
                is_main=position == 0,
                **_localised("alt", (n + s for n, s in zip(spec.name, suffix, strict=True))),
            )
            data = draw_placeholder(spec.name[0], palette, variant=index + position)
            # A named ContentFile: Django reads width and height from it while saving.
            name = f"{slugs[0]}-{position + 1}.jpg"
            image.image.save(name, ContentFile(data, name=name), save=False)
            image.save()
            new_images += 1
    return product, created, len(new_variants), new_images


def _update_search_vectors(queryset) -> bool:
    """Fill the full-text search columns when the catalog provides the method."""
    method = getattr(queryset, "update_search_vectors", None)
    if method is None:
        method = getattr(Product.objects, "update_search_vectors", None)
    if method is None:
        return False
    method()
    return True


def seed(stdout=None) -> None:
    """Create the demo shops, categories and products; running it again creates nothing."""
    now = timezone.now()
    with translation.override("en"):
        with transaction.atomic():
            categories, new_categories = _seed_categories()
        _say(stdout, f"Categories: {len(categories)} ({new_categories} new).")

        vendors: dict[str, Vendor] = {}
        new_shops = 0
        for shop in SHOPS:
            with transaction.atomic():
                vendors[shop.slug], created = _seed_shop(shop)
            new_shops += created
        _say(stdout, f"Shops: {len(vendors)} ({new_shops} new).")

        product_ids: list[int] = []
        new_products = new_variants = new_images = 0
        for shop in SHOPS:
            with transaction.atomic():
                for index, spec in enumerate(PRODUCTS):
                    if spec.shop != shop.slug:
                        continue
                    product, created, variants, images = _seed_product(
                        spec, index, vendors[shop.slug], categories[spec.category], shop.code, now
                    )
                    product_ids.append(product.pk)
                    new_products += created
                    new_variants += variants
                    new_images += images
        _say(
            stdout,
            f"Products: {len(product_ids)} ({new_products} new, {new_variants} new variants, "
            f"{new_images} new images).",
        )
    if _update_search_vectors(Product.objects.filter(pk__in=product_ids)):
        _say(stdout, "Search vectors updated.")


# --- Generated products for scale tests ---------------------------------------------

# (English, French, French gender, Arabic, Arabic gender, leaf category slug). Genders:
# "m", "f", and in French "mp"/"fp" for plurals; an Arabic plural of things takes "f".
Item = tuple[str, str, str, str, str, str]
# (English, French masculine, French feminine, Arabic masculine, Arabic feminine)
Adjective = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Words:
    items: tuple[Item, ...]
    adjectives: tuple[Adjective, ...]
    sentence: T
    materials: T
    prices: tuple[int, int]
    colours: tuple[str, ...] = ()
    sizes: tuple[tuple[str, str], ...] = ()  # (size, price multiplier)


# (English, French, Arabic, region)
PLACES: tuple[tuple[str, str, str, str], ...] = (
    ("Fez", "Fès", "فاس", "Fès-Meknès"),
    ("Meknes", "Meknès", "مكناس", "Fès-Meknès"),
    ("Marrakech", "Marrakech", "مراكش", "Marrakech-Safi"),
    ("Essaouira", "Essaouira", "الصويرة", "Marrakech-Safi"),
    ("Safi", "Safi", "آسفي", "Marrakech-Safi"),
    ("Azilal", "Azilal", "أزيلال", "Béni Mellal-Khénifra"),
    ("Khenifra", "Khénifra", "خنيفرة", "Béni Mellal-Khénifra"),
    ("Tiznit", "Tiznit", "تيزنيت", "Souss-Massa"),
    ("Taroudant", "Taroudant", "تارودانت", "Souss-Massa"),
    ("Agadir", "Agadir", "أكادير", "Souss-Massa"),
    ("Chefchaouen", "Chefchaouen", "شفشاون", "Tanger-Tétouan-Al Hoceïma"),
    ("Tetouan", "Tétouan", "تطوان", "Tanger-Tétouan-Al Hoceïma"),
    ("Ouarzazate", "Ouarzazate", "ورزازات", "Drâa-Tafilalet"),
    ("Zagora", "Zagora", "زاكورة", "Drâa-Tafilalet"),
    ("Midelt", "Midelt", "ميدلت", "Drâa-Tafilalet"),
    ("Salé", "Salé", "سلا", "Rabat-Salé-Kénitra"),
    ("Rabat", "Rabat", "الرباط", "Rabat-Salé-Kénitra"),
    ("Oujda", "Oujda", "وجدة", "Oriental"),
)

SHARED_ADJECTIVES: tuple[Adjective, ...] = (
    ("Handmade", "fait main", "faite main", "مصنوع يدويا", "مصنوعة يدويا"),
    ("Traditional", "traditionnel", "traditionnelle", "تقليدي", "تقليدية"),
    ("Artisan", "artisanal", "artisanale", "حرفي", "حرفية"),
    ("Berber", "berbère", "berbère", "أمازيغي", "أمازيغية"),
    ("Elegant", "élégant", "élégante", "أنيق", "أنيقة"),
)

WORDS: dict[str, Words] = {
    "rugs": Words(
        items=(
            (
                "Beni Ourain rug",
                "tapis Beni Ouarain",
                "m",
                "زربية بني ورين",
                "f",
                "beni-ourain-rugs",
            ),
            ("runner", "tapis de couloir", "m", "زربية ممر", "f", "beni-ourain-rugs"),
            ("kilim", "kilim", "m", "حنبل", "m", "kilims"),
            ("hanbel", "hanbel", "m", "حنبل تقليدي", "m", "kilims"),
            ("rug", "tapis", "m", "زربية", "f", "azilal-rugs"),
            ("bedside rug", "descente de lit", "f", "زربية سرير", "f", "azilal-rugs"),
        ),
        adjectives=(
            ("Hand-knotted", "noué main", "nouée main", "معقود يدويا", "معقودة يدويا"),
            ("Wool", "en laine", "en laine", "صوفي", "صوفية"),
            ("Geometric", "géométrique", "géométrique", "هندسي", "هندسية"),
            ("Colourful", "coloré", "colorée", "ملوّن", "ملوّنة"),
        ),
        sentence=(
            "Local wool, knotted row by row on an upright loom: soft, warm and made to last "
            "for generations.",
            "De la laine locale nouée rang par rang sur un métier vertical : douceur, chaleur "
            "et solidité pour des générations.",
            "صوف محلي معقود صفّا بعد صفّ على منسج عمودي: نعومة ودفء ومتانة تدوم لأجيال.",
        ),
        materials=WOOL_DYED,
        prices=(900, 9000),
        colours=("natural", "red", "beige", "multi", "blue"),
        sizes=(("120×180 cm", "1"), ("160×230 cm", "1.6"), ("200×300 cm", "2.5")),
    ),
    "pottery-ceramics": Words(
        items=(
            ("tagine", "tajine", "m", "طاجين", "m", "tagines"),
            ("bowl", "bol", "m", "زلافة", "f", "plates-bowls"),
            ("plate", "assiette", "f", "صحن", "m", "plates-bowls"),
            ("cup", "tasse", "f", "فنجان", "m", "plates-bowls"),
            ("vase", "vase", "m", "مزهرية", "f", "vases-decor"),
            ("jar", "jarre", "f", "برنية", "f", "vases-decor"),
        ),
        adjectives=(
            ("Hand-painted", "peint à la main", "peinte à la main", "مرسوم باليد", "مرسومة باليد"),
            ("Glazed", "émaillé", "émaillée", "مزجّج", "مزجّجة"),
            ("Blue", "bleu", "bleue", "أزرق", "زرقاء"),
            ("Green", "vert", "verte", "أخضر", "خضراء"),
            ("Terracotta", "en terre cuite", "en terre cuite", "فخاري", "فخارية"),
        ),
        sentence=(
            "Thrown on the wheel, painted by hand and fired in a traditional kiln, with a "
            "lead-free glaze that is safe for food.",
            "Tournage, peinture à la main et cuisson au four traditionnel, avec un émail sans "
            "plomb adapté aux aliments.",
            "تشكيل على الدولاب ورسم باليد وطهي في فرن تقليدي، بطلاء خالٍ من الرصاص وآمن للطعام.",
        ),
        materials=EARTHENWARE,
        prices=(60, 650),
        colours=("blue", "green", "white", "yellow", "multi"),
        sizes=(("20 cm", "1"), ("28 cm", "1.5"), ("35 cm", "2.1")),
    ),
    "leather": Words(
        items=(
            ("bag", "sac", "m", "حقيبة", "f", "leather-bags"),
            ("wallet", "portefeuille", "m", "محفظة", "f", "leather-bags"),
            ("belt", "ceinture", "f", "حزام", "m", "leather-bags"),
            ("pouch", "pochette", "f", "جراب", "m", "leather-bags"),
            ("babouches", "babouches", "fp", "بلاغي", "f", "babouches"),
            ("slippers", "chaussons", "mp", "نعال", "f", "babouches"),
            ("pouf", "pouf", "m", "بوف", "m", "poufs"),
            ("footstool", "repose-pieds", "m", "مسند قدمين", "m", "poufs"),
        ),
        adjectives=(
            ("Leather", "en cuir", "en cuir", "جلدي", "جلدية"),
            ("Embroidered", "brodé", "brodée", "مطرّز", "مطرّزة"),
            ("Hand-stitched", "cousu main", "cousue main", "مخيط باليد", "مخيطة باليد"),
            ("Tan", "fauve", "fauve", "بنّي فاتح", "بنّية فاتحة"),
        ),
        sentence=(
            "Vegetable-tanned leather, cut and stitched by hand, that grows more beautiful "
            "with use.",
            "Cuir au tannage végétal, coupé et cousu à la main, qui se patine joliment à l'usage.",
            "جلد مدبوغ دباغة نباتية، مقصوص ومخيط باليد، يزداد جمالا مع الاستعمال.",
        ),
        materials=GOATSKIN,
        prices=(120, 1500),
        colours=("brown", "black", "natural", "red", "blue"),
    ),
    "jewellery": Words(
        items=(
            ("necklace", "collier", "m", "قلادة", "f", "necklaces"),
            ("pendant", "pendentif", "m", "دلاية", "f", "necklaces"),
            ("fibula", "fibule", "f", "خلالة", "f", "necklaces"),
            ("bracelet", "bracelet", "m", "سوار", "m", "bracelets"),
            ("bangle", "jonc", "m", "دملج", "m", "bracelets"),
            ("anklet", "chaîne de cheville", "f", "خلخال", "m", "bracelets"),
            ("earrings", "boucles d'oreilles", "fp", "أقراط", "f", "earrings"),
            ("hoops", "créoles", "fp", "أقراط حلقية", "f", "earrings"),
        ),
        adjectives=(
            ("Silver", "en argent", "en argent", "فضي", "فضية"),
            ("Engraved", "gravé", "gravée", "منقوش", "منقوشة"),
            ("Enamelled", "émaillé", "émaillée", "مزيّن بالمينا", "مزيّنة بالمينا"),
            ("Filigree", "filigrané", "filigranée", "مخرّم", "مخرّمة"),
        ),
        sentence=(
            "Sterling silver worked with the tools and motifs of the Anti-Atlas silversmiths.",
            "Argent massif travaillé avec les outils et les motifs des orfèvres de l'Anti-Atlas.",
            "فضة خالصة مصوغة بأدوات وزخارف صاغة الأطلس الصغير.",
        ),
        materials=SILVER,
        prices=(150, 2500),
        colours=("silver", "gold"),
    ),
    "textiles": Words(
        items=(
            ("blanket", "couverture", "f", "غطاء", "m", "blankets-throws"),
            ("throw", "plaid", "m", "لحاف", "m", "blankets-throws"),
            ("cushion cover", "housse de coussin", "f", "غلاف وسادة", "m", "blankets-throws"),
            ("fouta", "fouta", "f", "فوطة", "f", "foutas"),
            ("tablecloth", "nappe", "f", "مفرش طاولة", "m", "foutas"),
            ("napkins", "serviettes de table", "fp", "مناديل مائدة", "f", "foutas"),
            ("scarf", "écharpe", "f", "وشاح", "m", "scarves"),
            ("shawl", "châle", "m", "شال", "m", "scarves"),
        ),
        adjectives=(
            ("Hand-woven", "tissé main", "tissée main", "منسوج يدويا", "منسوجة يدويا"),
            ("Striped", "rayé", "rayée", "مخطّط", "مخطّطة"),
            ("Cotton", "en coton", "en coton", "قطني", "قطنية"),
            ("Wool", "en laine", "en laine", "صوفي", "صوفية"),
        ),
        sentence=(
            "Woven on a wooden floor loom; a cold wash keeps its colours bright for years.",
            "Tissage sur métier à pédales en bois ; un lavage à froid lui garde ses couleurs "
            "pendant des années.",
            "نسيج على منسج خشبي تقليدي، والغسل بالماء البارد يحفظ ألوانه سنوات.",
        ),
        materials=COTTON,
        prices=(120, 2000),
        colours=("blue", "red", "white", "grey", "green", "yellow", "pink"),
        sizes=(("100×150 cm", "1"), ("150×200 cm", "1.5"), ("200×250 cm", "2")),
    ),
    "cosmetics": Words(
        items=(
            ("argan oil", "huile d'argan", "f", "زيت أركان", "m", "argan-oil"),
            ("argan cream", "crème à l'argan", "f", "كريم بالأركان", "m", "argan-oil"),
            ("black soap", "savon noir", "m", "صابون بلدي", "m", "black-soap-hammam"),
            ("rose water", "eau de rose", "f", "ماء ورد", "m", "black-soap-hammam"),
            ("ghassoul clay", "ghassoul", "m", "غاسول", "m", "ghassoul"),
            ("clay mask", "masque à l'argile", "m", "قناع طيني", "m", "ghassoul"),
        ),
        adjectives=(
            ("Organic", "bio", "bio", "عضوي", "عضوية"),
            ("Pure", "pur", "pure", "خالص", "خالصة"),
            ("Natural", "naturel", "naturelle", "طبيعي", "طبيعية"),
        ),
        sentence=(
            "Prepared in small batches by a women's cooperative, with no added fragrance or "
            "preservatives.",
            "Préparation en petites séries par une coopérative de femmes, sans parfum ni "
            "conservateur ajoutés.",
            "تحضير على دفعات صغيرة من طرف تعاونية نسائية، دون عطور أو مواد حافظة مضافة.",
        ),
        materials=ARGAN,
        prices=(40, 400),
        sizes=(("100 ml", "1"), ("250 ml", "2.2"), ("500 ml", "4")),
    ),
    "woodwork": Words(
        items=(
            ("box", "boîte", "f", "علبة", "f", "thuya"),
            ("jewellery box", "coffret à bijoux", "m", "علبة مجوهرات", "f", "thuya"),
            ("chess set", "jeu d'échecs", "m", "رقعة شطرنج", "f", "thuya"),
            ("mirror", "miroir", "m", "مرآة", "f", "thuya"),
            ("salad bowl", "saladier", "m", "زلافة سلطة", "f", "olive-wood"),
            ("spoon", "cuillère", "f", "ملعقة", "f", "olive-wood"),
            ("chopping board", "planche à découper", "f", "لوح تقطيع", "m", "olive-wood"),
        ),
        adjectives=(
            ("Carved", "sculpté", "sculptée", "منحوت", "منحوتة"),
            ("Inlaid", "marqueté", "marquetée", "مطعّم", "مطعّمة"),
            ("Polished", "poli", "polie", "مصقول", "مصقولة"),
        ),
        sentence=(
            "Carved by hand and finished with natural oil and beeswax, never varnished.",
            "Sculpture à la main et finition à l'huile naturelle et à la cire d'abeille, sans "
            "vernis.",
            "نحت باليد وتشطيب بالزيت الطبيعي وشمع النحل، دون ورنيش.",
        ),
        materials=THUYA,
        prices=(80, 1500),
        colours=("natural", "brown"),
        sizes=(("15 cm", "1"), ("25 cm", "1.5"), ("35 cm", "2.2")),
    ),
    "metalwork": Words(
        items=(
            ("lantern", "lanterne", "f", "فانوس", "m", "lanterns"),
            ("candle holder", "bougeoir", "m", "شمعدان", "m", "lanterns"),
            ("ceiling lamp", "plafonnier", "m", "ثريا", "f", "lanterns"),
            ("teapot", "théière", "f", "برّاد", "m", "trays-teapots"),
            ("tray", "plateau", "m", "صينية", "f", "trays-teapots"),
            ("incense burner", "brûle-parfum", "m", "مبخرة", "f", "trays-teapots"),
        ),
        adjectives=(
            ("Brass", "en laiton", "en laiton", "نحاسي", "نحاسية"),
            ("Pierced", "ajouré", "ajourée", "مخرّم", "مخرّمة"),
            ("Hammered", "martelé", "martelée", "مطروق", "مطروقة"),
            ("Engraved", "gravé", "gravée", "منقوش", "منقوشة"),
        ),
        sentence=(
            "Hammered, chased and pierced by hand in the metalworkers' souk.",
            "Martelage, ciselure et ajourage à la main, dans le souk des dinandiers.",
            "طرق ونقش وتخريم باليد في سوق النحّاسين.",
        ),
        materials=BRASS,
        prices=(150, 3000),
        colours=("gold", "silver", "black", "multi"),
        sizes=(("30 cm", "1"), ("45 cm", "1.5"), ("60 cm", "2.2")),
    ),
}
GENERIC_WORDS = Words(
    items=(("piece", "pièce", "f", "قطعة", "f", ""),),
    adjectives=(),
    sentence=(
        "Made by hand by a Moroccan artisan.",
        "Fabrication artisanale marocaine.",
        "صناعة يدوية مغربية.",
    ),
    materials=("", "", ""),
    prices=(50, 1000),
)
# Shared adjectives read oddly on cosmetics ("elegant argan oil").
_WITH_SHARED = {root: (*w.adjectives, *SHARED_ADJECTIVES) for root, w in WORDS.items()}
_WITH_SHARED["cosmetics"] = WORDS["cosmetics"].adjectives
_WITH_SHARED[""] = SHARED_ADJECTIVES


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _french_agreement(adjective: Adjective, gender: str) -> str:
    """The French adjective in the item's gender and number ("faite main" -> "faites
    main"; "en argent" does not change)."""
    word = adjective[2] if gender.startswith("f") else adjective[1]
    if not gender.endswith("p"):
        return word
    first, _, rest = word.partition(" ")
    if first in ("en", "de", "à") or first.endswith(("s", "x")):
        return word
    return f"{first}s {rest}".rstrip()


def compose_name(item: Item, adjective: Adjective, place: tuple[str, str, str, str]) -> T:
    """ "Hand-painted bowl from Safi" / "Bol peint à la main de Safi" / "زلافة مرسومة باليد
    من آسفي": the adjective agrees with the item in French and Arabic."""
    of = "d'" if place[1][:1] in "AEIOUÉ" else "de "
    return (
        _capitalise(f"{adjective[0]} {item[0]} from {place[0]}"),
        _capitalise(f"{item[1]} {_french_agreement(adjective, item[2])} {of}{place[1]}"),
        f"{item[3]} {adjective[4] if item[4] == 'f' else adjective[3]} من {place[2]}",
    )


def _round_price(value: Decimal) -> Decimal:
    return max(Decimal(10), (value / 10).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 10)


def _run_prefix() -> str:
    """A prefix no earlier run used, so repeated runs add products instead of colliding."""
    while True:
        prefix = secrets.token_hex(3)
        if not Variant.objects.filter(sku__startswith=f"GEN-{prefix}-").exists():
            return prefix


def _leaf_categories() -> list[tuple[int, str, str]]:
    """(id, slug, root slug) of every active category without active children."""
    rows = list(Category.objects.active().values_list("pk", "parent_id", "slug"))
    parents = {pk: parent for pk, parent, _ in rows}
    slugs = {pk: slug for pk, _, slug in rows}
    with_children = {parent for parent in parents.values() if parent is not None}
    leaves = []
    for pk in parents:
        if pk in with_children:
            continue
        root, seen = pk, set()
        while parents.get(root) is not None and root not in seen:
            seen.add(root)
            root = parents[root]
        leaves.append((pk, slugs[pk], slugs.get(root, "")))
    return sorted(leaves)


def _image_pool() -> dict[str, list[tuple[str, int, int, dict]]]:
    """Images already stored for products, by root category slug ("" holds them all)."""
    roots = {pk: root for pk, _, root in _leaf_categories()}
    pool: dict[str, list[tuple[str, int, int, dict]]] = {"": []}
    rows = (
        ProductImage.objects.filter(width__gt=0, height__gt=0)
        .order_by("pk")
        .values_list("image", "width", "height", "renditions", "product__category_id")[:2000]
    )
    for name, width, height, renditions, category_id in rows:
        entry = (name, width, height, renditions or {})
        pool[""].append(entry)
        pool.setdefault(roots.get(category_id, ""), []).append(entry)
    return pool


def _refresh_statistics(*, vacuum: bool = False) -> None:
    """PostgreSQL: refresh the planner's statistics of the tables being filled. Without
    them (a fresh database, autovacuum off or not yet run) the foreign-key checks of each
    insert can pick a full index scan and the run slows down a hundredfold."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(
        connection.ops.quote_name(model._meta.db_table)
        for model in (Product, Variant, ProductImage)
    )
    # VACUUM cannot run inside a transaction (tests run in one): ANALYZE then.
    command = "VACUUM (ANALYZE)" if vacuum and not connection.in_atomic_block else "ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute(f"{command} {tables}")


def generate_products(n: int, stdout=None, batch_size: int = 2000) -> None:
    """Bulk-insert `n` generated, visible products (with variants and images) spread over
    the approved shops and the leaf categories. Images reuse files already stored for
    the demo products; no file is written."""
    if n <= 0:
        return
    vendors = list(Vendor.objects.approved().order_by("pk"))
    leaves = _leaf_categories()
    if not vendors or not leaves:
        raise ValueError("generate_products needs approved shops and categories: seed first.")
    # Prefer, for each craft, the demo shops that practise it.
    shop_roots = {spec.shop: _root_of(spec.category) for spec in PRODUCTS}
    vendors_by_root: dict[str, list[Vendor]] = {}
    for vendor in vendors:
        if vendor.slug in shop_roots:
            vendors_by_root.setdefault(shop_roots[vendor.slug], []).append(vendor)
    items_by_leaf: dict[str, list[Item]] = {}
    for words in WORDS.values():
        for item in words.items:
            items_by_leaf.setdefault(item[5], []).append(item)
    pool = _image_pool()
    prefix = _run_prefix()
    rng = random.Random(prefix)  # noqa: S311
    now = timezone.now()
    total_seconds = DEMO_DAYS * 24 * 3600
    report_every = max(batch_size, (n // 10) // batch_size * batch_size)
    _say(stdout, f"Generating {n} products (run {prefix})...")
    _refresh_statistics()

    with translation.override("en"):
        for start in range(0, n, batch_size):
            products: list[Product] = []
            plans: list[tuple[list[Option], list[int], list[tuple], T]] = []
            for i in range(start, min(n, start + batch_size)):
                leaf_id, leaf, root = rng.choice(leaves)
                words = WORDS.get(root, GENERIC_WORDS)
                items = items_by_leaf.get(leaf) or words.items
                vendor = rng.choice(vendors_by_root.get(root) or vendors)
                place = rng.choice(PLACES)
                adjectives = _WITH_SHARED.get(root, SHARED_ADJECTIVES)
                name = compose_name(rng.choice(items), rng.choice(adjectives), place)
                base = Decimal(rng.randrange(words.prices[0], words.prices[1], 10))

                k = rng.choice((1, 1, 2, 3))
                if k == 1 or not (words.sizes or words.colours):
                    options: list[Option] = [("", "", None)]
                elif words.sizes and (not words.colours or rng.random() < 0.5):
                    options = [
                        (size, "", None if j == 0 else str(_round_price(base * Decimal(factor))))
                        for j, (size, factor) in enumerate(words.sizes[:k])
                    ]
                else:
                    picked = rng.sample(words.colours, min(k, len(words.colours)))
                    options = [("", colour, None) for colour in picked]
                stocks = [rng.choice((0, 1, 2, 4, 7, 12, 30)) for _ in options]
                price = min(Decimal(o[2]) if o[2] else base for o in options)

                images = pool.get(root) or pool[""]
                chosen = (
                    rng.sample(images, min(len(images), rng.choice((1, 1, 2)))) if images else []
                )

                description = tuple(
                    f"{label} {vendor.name}. {sentence}"
                    for label, sentence in zip(
                        (
                            f"{name[0]} by",
                            f"{name[1]}, chez",
                            f"{name[2]}، لدى",
                        ),
                        words.sentence,
                        strict=True,
                    )
                )
                suffix = f"{prefix}-{i}"
                slugs = slugs_for(name)
                rated = rng.random() < 0.3
                products.append(
                    Product(
                        vendor_id=vendor.pk,
                        category_id=leaf_id,
                        **_localised("name", name),
                        **_localised("slug", (f"{s}-{suffix}" for s in slugs)),
                        **_localised("description", description),
                        **_localised("seo_description", (_summary(d) for d in description)),
                        **_localised("materials", words.materials),
                        origin_region=place[3],
                        status=Product.Status.ACTIVE,
                        base_price=base,
                        compare_at_price=(
                            _round_price(price * Decimal("1.25")) if rng.random() < 0.15 else None
                        ),
                        processing_days=rng.choice((0, 0, 0, 3, 5, 7, 14)),
                        allows_personalisation=rng.random() < 0.1,
                        rating_average=(
                            Decimal(rng.randint(300, 500)) / 100 if rated else Decimal("0")
                        ),
                        rating_count=rng.randint(1, 120) if rated else 0,
                        # The denormalised columns refresh_from_variants() would compute.
                        price=price,
                        in_stock=any(stocks),
                        has_active_variant=True,
                        created=now - timedelta(seconds=rng.randrange(total_seconds)),
                    )
                )
                plans.append((options, stocks, chosen, name))

            with transaction.atomic():
                Product.objects.bulk_create(products, batch_size=batch_size)
                variants = [
                    Variant(
                        product_id=product.pk,
                        sku=f"GEN-{prefix}-{start + offset}-{j}",
                        size=size,
                        colour=colour,
                        price_override=Decimal(override) if override else None,
                        stock=stock,
                        position=j,
                    )
                    for offset, (product, (options, stocks, _, _)) in enumerate(
                        zip(products, plans, strict=True)
                    )
                    for j, ((size, colour, override), stock) in enumerate(
                        zip(options, stocks, strict=True)
                    )
                ]
                Variant.objects.bulk_create(variants, batch_size=batch_size)
                images = [
                    ProductImage(
                        product_id=product.pk,
                        image=image_name,
                        width=width,
                        height=height,
                        renditions=renditions,
                        position=j,
                        is_main=j == 0,
                        **_localised(
                            "alt",
                            (n + s for n, s in zip(name, ALT_SUFFIXES[min(j, 1)], strict=True)),
                        ),
                    )
                    for product, (_, _, chosen, name) in zip(products, plans, strict=True)
                    for j, (image_name, width, height, renditions) in enumerate(chosen)
                ]
                ProductImage.objects.bulk_create(images, batch_size=batch_size)
            # In a transaction of its own: on PostgreSQL, updating rows inserted by the same
            # transaction would queue their deferred foreign-key checks a second time.
            with transaction.atomic():
                _update_search_vectors(Product.objects.filter(pk__in=[p.pk for p in products]))
            done = start + len(products)
            batch_number = start // batch_size + 1
            if batch_number & (batch_number - 1) == 0:  # after batches 1, 2, 4, 8...
                _refresh_statistics()
            if done % report_every == 0 or done == n:
                _say(stdout, f"  {done}/{n} products")
    # Leave the tables as a real shop's would be: dead rows gone, statistics fresh.
    _refresh_statistics(vacuum=True)
