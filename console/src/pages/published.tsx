import { type Language, type Schemas, api, run } from '../api/client';
import { LANGUAGE_CODES, entryFor, LanguageName, PagedList, usePaged } from '../ui/components';
import { FilterInput, Filters } from '../ui/filters';
import { useLocation } from '../ui/router';

/** Public: what has been published, by session, each language version linked and named in its own script. */
export function PublishedPage() {
  const { query } = useLocation();
  const session = query.get('session') ?? '';
  const paged = usePaged<Schemas['Publication']>(
    (cursor) => run(api().GET('/publications', { params: { query: { ...(session ? { session } : {}), ...(cursor ? { cursor } : {}) } } })),
    `publications|${session}`,
  );
  return (
    <section>
      <Filters>
        <FilterInput id="published-session" label="Session" name="session" value={session} placeholder="COSP-1" />
      </Filters>
      <PagedList
        what="published documents"
        empty={session ? `Nothing is published for ${session} yet.` : 'Nothing is published yet.'}
        paged={paged}
        render={(items) => (
          <ul class="publications">
            {items.map((publication) => (
              <li key={publication.documentId}>
                <h2>
                  {publication.symbol} — {publication.title}
                </h2>
                <p>
                  {publication.session ? `Session ${publication.session}, ` : ''}published {publication.publishedAt}
                </p>
                <ul class="language-links" aria-label={`Language versions of ${publication.symbol}`}>
                  {LANGUAGE_CODES.filter((code: Language) => entryFor(publication.languages, code)).map((code) => {
                    const uri = entryFor(publication.languages, code)?.uri;
                    return (
                      <li key={code}>
                        {uri ? (
                          <a href={uri} hrefLang={code}>
                            <LanguageName code={code} />
                          </a>
                        ) : (
                          <LanguageName code={code} />
                        )}
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ul>
        )}
      />
    </section>
  );
}
