import type { AuthorityDirectory } from './authority-directory';

/** Participants' legal names by id, for the page; an empty map when the authority cannot be asked (ids are shown then). */
export function legalNames(directory: AuthorityDirectory): Promise<Map<string, string>> {
  return directory
    .participants()
    .then((list) => new Map(list.map((p) => [p.id, p.legalName])))
    .catch(() => new Map<string, string>());
}
