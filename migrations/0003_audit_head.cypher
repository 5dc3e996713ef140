// The head of the audit hash chain: every mutation locks it to append the next event.
MERGE (h:AuditHead {id: 'audit'}) ON CREATE SET h.seq = 0, h.hash = '0000000000000000000000000000000000000000000000000000000000000000';
