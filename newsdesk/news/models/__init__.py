from .articles import ArticleAuthor, ArticlePage, ArticleTag, LatestDevelopmentsPin
from .corrections import Correction
from .front import ArticleIndexPage, FrontPagePick, HomePage
from .settings import NewsSettings
from .taxonomy import Author, Category

__all__ = [
    "ArticleAuthor",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleTag",
    "Author",
    "Category",
    "Correction",
    "FrontPagePick",
    "HomePage",
    "LatestDevelopmentsPin",
    "NewsSettings",
]
