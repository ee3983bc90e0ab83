from .articles import (
    ArticleAuthor,
    ArticlePage,
    ArticleTag,
    LatestDevelopmentsPin,
    tags_in_print,
)
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
    "FrontPagePick",
    "HomePage",
    "LatestDevelopmentsPin",
    "NewsSettings",
    "tags_in_print",
]
