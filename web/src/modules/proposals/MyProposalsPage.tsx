import { useState } from 'react';
import { Button, Card, Segmented, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ProposalList } from './parts';
import { useProposalList } from './useProposals';

const FILTERS: Record<string, string | undefined> = {
  全部: undefined,
  草稿: 'draft,returned',
  审查中: 'awaiting_cosigners,submitted',
  办理中: 'registered,assigned,objected,reply_review,rehandling',
  待评价: 'replied',
  已办结: 'evaluated,closed',
};

/** 我的提案: what I wrote or co-signed, and what waits for me. */
export default function MyProposalsPage() {
  const [filter, setFilter] = useState('全部');
  const [page, setPage] = useState(1);
  const list = useProposalList({ mine: true, status: FILTERS[filter], page, pageSize: 20 });
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          我的提案
        </Typography.Title>
      }
      extra={
        <Link to="/proposals/new">
          <Button type="primary" icon={<EditOutlined />}>
            撰写提案
          </Button>
        </Link>
      }
    >
      <div style={{ overflowX: 'auto', marginBottom: 8 }}>
        <Segmented
          options={Object.keys(FILTERS)}
          value={filter}
          onChange={(v) => {
            setFilter(String(v));
            setPage(1);
          }}
        />
      </div>
      <ProposalList
        list={list.data}
        page={page}
        pageSize={20}
        onPage={setPage}
        loading={list.isLoading}
        empty="还没有提案，点击「撰写提案」开始"
      />
    </Card>
  );
}
