/** Tables owned by the performance module. */
export interface PerformanceTables {
  /** One row per fact kind: the committee's own scoring, changed by staff on the settings page. */
  performanceRules: {
    kind: string;
    /** Points per occurrence; negative for a deduction. For a manual kind: the most one entry may give. */
    points: number;
    /** The most a kind counts in a year (for a deduction: the most it takes away); null: no cap. */
    cap: number | null;
    updatedBy: string | null;
    updatedAt: string;
  };
  /** Duty the system cannot see (履职作业, 委员接待日 …): recorded by staff, or submitted by the member for approval. */
  performanceEntries: {
    id: string;
    memberId: string;
    year: number;
    kind: string;
    date: string;
    description: string;
    points: number;
    status: 'submitted' | 'approved' | 'rejected' | 'withdrawn';
    rejectReason: string | null;
    createdBy: string;
    createdAt: string;
    updatedAt: string;
  };
}
