from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from phoihop.articles import training
from phoihop.articles.corpus import SPLITS, corpus_dirs, load_corpus
from phoihop.articles.extraction.areas import MODEL_PATH, tagger


class Command(BaseCommand):
    help = (
        "Rebuild the content-area model from the corpus' train split (tests/articles/corpus, or "
        "PHOIHOP_CORPUS_DIRS), then print its content-area scores on train and dev."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", default=str(MODEL_PATH), help="Where to write the model.")

    def handle(self, *args, out: str, **options) -> None:
        articles = load_corpus()
        train = [a for a in articles if a.split == "train"]
        if not train:
            folders = ", ".join(str(d) for d in corpus_dirs())
            raise CommandError(f"Kho bài viết không có bài nào thuộc tập huấn luyện ({folders}).")
        path = Path(out)
        info = training.train(train, path)
        tagger.cache_clear()
        scores = {
            split: training.evaluate([a for a in articles if a.split == split], model=str(path))
            for split in SPLITS
            if split != "test" and any(a.split == split for a in articles)
        }
        training.metadata(path.with_suffix(".json"), info, scores)
        counts = {split: sum(a.split == split for a in articles) for split in SPLITS}
        self.stdout.write(
            f"Corpus: {len(articles)} articles (train {counts['train']}, dev {counts['dev']}, "
            f"test {counts['test']}); {info['items_on_a_candidate']} of {info['items']} train "
            f"items fall on a clause candidate; trained in {info['seconds']} s → {path}"
        )
        for split, result in scores.items():
            area = result["content_areas"]
            self.stdout.write(
                f"{split:5} content_areas P={area['precision']:.3f} R={area['recall']:.3f} "
                f"F1={area['f1']:.3f}  macro-F1 {result['macro_f1']['f1']:.3f}"
            )
