from .articles import ArticlePage, ArticleTag, LatestDevelopmentsPin, tags_in_print
from .bylines import ArticleAuthor
from .checks import HeldStory, PublishingChecks
from .corrections import Correction
from .front import ArticleIndexPage, FrontPagePick, HomePage
from .settings import BylineSettings, NewsSettings
from .taxonomy import Author, Category

__all__ = [
    "ArticleAuthor",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleTag",
    "Author",
    "BylineSettings",
    "Category",
    "Correction",
    "FrontPagePick",
    "HeldStory",
    "HomePage",
    "LatestDevelopmentsPin",
    "NewsSettings",
    "PublishingChecks",
    "tags_in_print",
]
