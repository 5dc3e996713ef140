import { print, type DocumentNode, type ExecutionArgs } from "graphql";
import { DocumentCache } from "../runtime/document-cache.js";

type Execute = (args: ExecutionArgs) => unknown;

/**
 * Hands the executor one document object per distinct operation. Field-level authorization
 * (`@envelop/generic-auth` in protect-granular mode, through its extended validation) rewrites the
 * document at every execution, and returns a new object even when it removed nothing; the
 * federation planner memoizes its work by the identity of the document's nodes, so each request
 * would plan again. Documents that print alike are interchangeable for execution: the first one
 * seen stands for the others (bounded, DOCUMENT_CACHE_SIZE; a document with forbidden fields
 * removed prints differently and is its own entry). Nothing of the caller is kept.
 */
export function useStableDocument() {
  const seen = new DocumentCache<DocumentNode>("gateway-execution");
  return {
    onSchemaChange() {
      seen.clear();
    },
    onExecute({ executeFn, setExecuteFn }: { executeFn: Execute; setExecuteFn: (fn: Execute) => void }) {
      setExecuteFn((args) => {
        const key = print(args.document);
        let document = seen.lookup(key);
        if (!document) seen.store(key, (document = args.document));
        return executeFn(document === args.document ? args : { ...args, document });
      });
    },
  };
}
