"""The command's options, and imported stories as readers see them."""

import pytest
from django.core.management import call_command

from newsdesk.comments.models import Comment
from newsdesk.news.models import ArticlePage, Author

from . import wxr
from .conftest import import_wordpress

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


def test_an_imported_story_renders_with_its_body_and_without_scripts(client, media_dir):
    import_wordpress("gazette.xml", media_dir=str(media_dir))
    response = client.get("/news/night-ferry/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Who was aboard" in page and "It felt like the town woke up." in page
    assert 'href="/news/rock-and-roll-returns-to-the-cafe-with-tea/"' not in page
    assert 'href="/news/rock-and-roll-cafe/"' in page
    assert "steal()" not in page and 'alert("xss")' not in page and "javascript:" not in page


def test_block_editor_blocks_are_saved_as_body_blocks_and_shown(client, media_dir):
    import_wordpress("gazette.xml", media_dir=str(media_dir))
    story = ArticlePage.objects.get(slug="night-ferry")
    saved = {block.block_type: block.value for block in story.body}
    assert saved["pullquote"]["quote"] == "Nine o'clock, every night."
    assert saved["pullquote"]["attribution"] == "The harbour office"
    gallery = saved["gallery"]
    assert [item["caption"] for item in gallery["images"]] == ["Casting off."]
    assert gallery["images"][0]["image"] == story.hero_image
    assert gallery["caption"] == "The first crossing."
    assert saved["embed"]["url"] == "https://video.example/watch/ferry"
    assert saved["embed"]["caption"] == "The horn at nine."
    assert "separator" in saved
    assert list(map(list, saved["table"]["rows"])) == [["Sailing", "Time"], ["First", "21:00"]]
    assert saved["table"]["header"]
    assert saved["code"] == "timetable --night <quay>"

    page = client.get("/news/night-ferry/").content.decode()
    assert '<figure class="body-quote body-pullquote">' in page
    assert "Nine o&#x27;clock, every night." in page
    assert '<figure class="body-gallery">' in page and "Casting off." in page
    assert '<a class="body-embed-link" href="https://video.example/watch/ferry">' in page
    assert '<span class="body-embed-host">video.example</span>' in page
    assert "<iframe" not in page
    assert '<hr class="body-separator">' in page
    assert '<th scope="col">Sailing</th>' in page and "<td>21:00</td>" in page
    assert '<pre class="body-code"><code>timetable --night &lt;quay&gt;</code></pre>' in page


def test_comments_threaded_ten_deep_keep_their_depth(tmp_path):
    chain = "".join(wxr.comment(n, parent=n - 1 if n > 1 else 0) for n in range(1, 11))
    import_wordpress(wxr.export(tmp_path, wxr.post(1, xml=chain)))
    depths = dict(Comment.objects.values_list("name", "depth"))
    assert depths == {f"Reader {n}": n - 1 for n in range(1, 11)}
    deepest = Comment.objects.get(name="Reader 10")
    assert deepest.parent.name == "Reader 9"


def test_replies_listed_before_their_parent_still_thread(tmp_path):
    import_wordpress(
        wxr.export(tmp_path, wxr.post(1, xml=wxr.comment(2, parent=1) + wxr.comment(1)))
    )
    assert Comment.objects.get(name="Reader 2").parent.name == "Reader 1"


def test_the_author_map_files_posts_under_existing_or_named_authors(tmp_path):
    existing = Author.objects.create(name="Ana Pérez", slug="ana-perez")
    author_map = tmp_path / "authors.csv"
    author_map.write_text(
        "# login,slug,name,bio\nana,ana-perez\nbo,bo-lind,Bo Lind,Covers the river.\n"
    )
    path = wxr.export(
        tmp_path,
        wxr.post(1, xml="<dc:creator>ana</dc:creator>"),
        wxr.post(2, xml="<dc:creator>bo</dc:creator>"),
    )
    import_wordpress(path, author_map=str(author_map))
    assert ArticlePage.objects.get(slug="story-1").authors == [existing]
    bo = ArticlePage.objects.get(slug="story-2").authors[0]
    assert (bo.slug, bo.name, bo.bio) == ("bo-lind", "Bo Lind", "Covers the river.")


def test_a_bad_author_map_line_is_named(tmp_path):
    author_map = tmp_path / "authors.csv"
    author_map.write_text("ana,ana-perez\njust-a-login\n")
    with pytest.raises(Exception, match=r"authors.csv, line 2: expected login,slug"):
        import_wordpress(wxr.export(tmp_path, wxr.post(1)), author_map=str(author_map))


def test_a_missing_media_folder_is_refused(tmp_path):
    with pytest.raises(Exception, match="no such folder"):
        import_wordpress("gazette.xml", media_dir=str(tmp_path / "nowhere"))


def test_the_command_explains_itself(capsys):
    with pytest.raises(SystemExit):
        call_command("import_wordpress", "--help")
    assert "--author-map" in capsys.readouterr().out
